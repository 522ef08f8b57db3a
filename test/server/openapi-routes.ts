/**
 * The API's routes as its OpenAPI document lists them, with who may use each (`x-access`) and concrete paths for
 * calling them: one enumeration for every authorization test, so a route added to the table is checked by all.
 */

/** One operation of the document. */
export interface ApiRoute {
  /** `METHOD /api/v1/path/{param}`, as the document spells it. */
  key: string;
  method: 'GET' | 'POST';
  /** The path template. */
  path: string;
  /** `public`, `person`, or a permission, `edit_drafts (on {cc})` when it concerns the country in `cc`. */
  access: string;
  /** The query parameters it cannot be called without. */
  requiredQuery: string[];
}

interface OpenApiDoc {
  paths: Record<
    string,
    Record<string, { 'x-access'?: string; parameters?: { name: string; in: string; required?: boolean }[] }>
  >;
}

/** Every operation of the document served at `/api/openapi.json`. */
export async function apiRoutes(get: (path: string) => Promise<Response>): Promise<ApiRoute[]> {
  const doc = (await (await get('/api/openapi.json')).json()) as OpenApiDoc;
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      key: `${method.toUpperCase()} ${path}`,
      method: method.toUpperCase() as 'GET' | 'POST',
      path,
      access: op['x-access'] ?? '',
      requiredQuery: (op.parameters ?? []).filter((p) => p.in === 'query' && p.required).map((p) => p.name),
    })),
  );
}

/** Plausible values of the path parameters; a test passes its own for the records it made. */
export const PATH_VALUES: Record<string, string> = {
  cc: 'KZ',
  edition: '2024',
  question: 'B1',
  control: 'KIC2',
  id: 'tok_000000000000',
  name: 'vic',
  asn: 'AS9198',
  uid: 'no-such-measurement',
};

/** Values of the query parameters some reads require. */
const QUERY_VALUES: Record<string, string> = { edition: '2024', countries: 'KZ,RU' };

/** A concrete path: the template's parameters filled (`values` over PATH_VALUES), required query values added. */
export function fillPath(
  route: Pick<ApiRoute, 'path' | 'requiredQuery'>,
  values: Record<string, string> = {},
): string {
  const all = { ...PATH_VALUES, ...values };
  const path = route.path.replace(/\{(\w+)\}/g, (_, n: string) => encodeURIComponent(all[n] ?? 'x'));
  const query = route.requiredQuery
    .map((q) => `${q}=${encodeURIComponent(QUERY_VALUES[q] ?? 'x')}`)
    .join('&');
  return query ? `${path}?${query}` : path;
}

/** The country a route's access concerns (`… (on {cc})`), or null. */
export function countryParamOf(access: string): string | null {
  return /\(on \{(\w+)\}\)$/.exec(access)?.[1] ?? null;
}

/** The permission a route requires, or `public` / `person`. */
export function permissionOf(access: string): string {
  return access.replace(/ \(on \{\w+\}\)$/, '');
}
