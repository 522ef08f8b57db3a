/**
 * What the country-evidence write routes share: the request fields (ids, texts, partial dates, source URLs), who a
 * request acts as, and the storing of the sources a write names.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { loadSourceRegistry, type SourceRegistry } from '../../assessment/source-registry.js';
import { actingAs } from '../../auth/acting.js';
import { storeSources } from '../../evidence/record-facts.js';
import type { Acting } from '../../model/audit.js';
import type { Store } from '../../store/store.js';
import { principalOf } from '../auth/route-access.js';

export const TAG = 'country evidence';
/** Every evidence write: an analyst of the country named by the path (or an admin). */
export const ANALYST = { permission: 'edit_drafts', countryParam: 'cc' } as const;

/** A record id chosen by the writer. */
export const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'expected an id of lower-case letters, digits and hyphens')
  .describe('the record id: the same id again replaces the record');
/** A text, trimmed, not empty, at most `max` characters. */
export const text = (max: number) => z.string().trim().min(1).max(max);
/** A day, month or year as the source gives it. */
export const partialDate = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'expected YYYY, YYYY-MM or YYYY-MM-DD')
  .describe('YYYY, YYYY-MM or YYYY-MM-DD');
/** The URLs of a fact's sources. */
export const sourceUrls = z
  .array(z.string().max(2000))
  .min(1)
  .max(50)
  .describe('where it is reported (http or https): a source the registry lists, else an unverified one');
/** Question or key internet control ids. */
export const ids = (what: string) => z.array(z.string().max(10)).max(30).default([]).describe(what);

/** Who a request acts as, and `sources(urls)`: the ids of those URLs' sources, storing those not stored yet. */
export function evidenceWriter(
  store: Store,
  now: () => Date,
): { acting: (c: Context) => Acting; sources: (urls: readonly string[]) => Promise<string[]> } {
  // The bundled source registry, read on the first write that needs it.
  let registry: Promise<SourceRegistry> | null = null;
  return {
    acting: (c) => actingAs(principalOf(c)!, c.get('requestId'), now),
    sources: async (urls) => {
      registry ??= loadSourceRegistry();
      return storeSources(store, urls, await registry);
    },
  };
}
