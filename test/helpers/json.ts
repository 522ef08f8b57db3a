/** Reads a JSON response loosely typed, for assertions in tests. */
// biome-ignore lint/suspicious/noExplicitAny: tests inspect response bodies of many shapes
export type Loose = any;

export async function body(response: Response): Promise<Loose> {
  return response.json();
}
