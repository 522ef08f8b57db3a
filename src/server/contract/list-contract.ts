/** A list answer's contract: one serializer per item, the page `{ items, next_cursor }`, and the CSV columns. */
import { z } from 'zod';
import { named } from './api-schemas.js';

/** One page of a list inside the code (from the store or from `paginate`). */
export interface ListPage<T> {
  items: T[];
  /** Cursor of the next page, null at the end. */
  nextCursor: string | null;
}

/** One page of a list as the API answers it. */
export interface PageJson<J> {
  items: J[];
  next_cursor: string | null;
}

/** How a list of `T` is answered: in JSON as `J` items of a page, in CSV as columns of those items. */
export interface ListContract<T, J> {
  /** The schema of one page (a named OpenAPI component). */
  page: z.ZodType<PageJson<J>>;
  /** The item's serializer: the only place its API names are written. */
  toJson(item: T): J;
  /** CSV column names, in order; by default the item's own keys. */
  csvColumns: readonly string[];
  /** The CSV cells of one item by column (by default the item itself: its JSON names are the columns). */
  csvRow(item: J): Record<string, unknown>;
}

/** Builds a list contract from a named item schema; the page component is called `pageId`. */
export function listContract<T, S extends z.ZodObject>(options: {
  pageId: string;
  description: string;
  item: S;
  toJson: (item: T) => z.output<S>;
  csvColumns?: readonly string[];
  csvRow?: (item: z.output<S>) => Record<string, unknown>;
}): ListContract<T, z.output<S>> {
  const page = named(
    options.pageId,
    options.description,
    z.strictObject({
      items: z.array(options.item),
      next_cursor: z
        .string()
        .nullable()
        .describe('opaque cursor of the next page (send it back as `cursor`); null on the last page'),
    }),
  );
  return {
    page: page as unknown as z.ZodType<PageJson<z.output<S>>>,
    toJson: options.toJson,
    csvColumns: options.csvColumns ?? Object.keys(options.item.shape),
    csvRow: options.csvRow ?? ((item) => item as Record<string, unknown>),
  };
}

/** A page in the API's shape, each item through the contract's serializer. */
export function toPageJson<T, J>(page: ListPage<T>, contract: ListContract<T, J>): PageJson<J> {
  return { items: page.items.map((item) => contract.toJson(item)), next_cursor: page.nextCursor };
}
