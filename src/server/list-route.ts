/** A list route over rows computed whole: declared with its contract, paginated by offset, answered in JSON or CSV. */
import type { Context } from 'hono';
import type { z } from 'zod';
import type { ApiRouter, RouteInput, RouteSpec } from './api-router.js';
import type { ListContract } from './contract/list-contract.js';
import { paginate, sendList } from './list-response.js';

/** The query every paged list takes (`format` and the `page` parameters of query-schemas.ts). */
interface PagedQuery {
  format: 'json' | 'csv';
  cursor?: string | undefined;
  limit: number;
}

/** A route spec whose answer is a page of `list`; the JSON schema and CSV columns come from the contract. */
export interface ListRouteSpec<P extends z.ZodType, Q extends z.ZodType, T, J>
  extends Omit<RouteSpec<P, Q>, 'response' | 'csv'> {
  list: ListContract<T, J>;
  /** The CSV file's name (without `.csv`). */
  csvName(input: RouteInput<z.infer<P>, z.infer<Q>>): string;
}

/** Registers a list route; `load` returns every row in order, and the route cuts the page asked for. */
export function listRoute<P extends z.ZodType, Q extends z.ZodType<PagedQuery>, T, J>(
  router: ApiRouter,
  spec: ListRouteSpec<P, Q, T, J>,
  load: (input: RouteInput<z.infer<P>, z.infer<Q>>, c: Context) => Promise<T[]>,
): void {
  const { list, csvName, ...rest } = spec;
  router.route<P, Q>({ ...rest, response: list.page, csv: list.csvColumns }, async (c, input) => {
    const rows = await load(input, c);
    const { cursor, limit, format } = input.query;
    return sendList(c, paginate(rows, cursor, limit), format, list, csvName(input));
  });
}
