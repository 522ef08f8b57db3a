/**
 * How many measurements the server says it stores, counted twice through the API: from the daily counts (what every
 * aggregation reads) and from the measurements table (an aggregation filtered on the outcome reads the rows).
 */
export interface StoredCounts {
  dailyCounts: number;
  measurements: number;
}

async function total(url: string): Promise<number> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { result: { measurement_count: number }[] };
  return body.result.reduce((n, r) => n + r.measurement_count, 0);
}

/**
 * Both counts of every real (not simulated) measurement. The URLs are the same before and after a load on purpose:
 * the server's read cache must have forgotten the first answers when a submission added something.
 */
export async function storedCounts(baseUrl: string): Promise<StoredCounts> {
  return {
    dailyCounts: await total(`${baseUrl}/api/v1/aggregation`),
    measurements: await total(`${baseUrl}/api/v1/aggregation?outcome=ok,anomaly,confirmed,failure`),
  };
}
