/** Zod schemas for the parameters the API shares: country codes, editions, lists, dates, pagination, format. */
import { z } from 'zod';

/** ISO 3166-1 alpha-2, any case in, upper case out. */
export const countryCode = z
  .string()
  .regex(/^[A-Za-z]{2}$/, 'expected a two-letter country code')
  .transform((s) => s.toUpperCase())
  .describe('ISO 3166-1 alpha-2 country code');

export const edition = z.coerce
  .number({ error: 'expected a year' })
  .int('expected a year')
  .min(2009, 'no edition before 2009')
  .max(2100, 'expected a year')
  .describe('FOTN edition (report year)');

/** The path parameters of a country's routes (`/countries/:cc/…`). */
export const countryParams = z.object({ cc: countryCode });

/** The path parameters of an assessment's routes (`/assessments/:cc/:edition/…`). */
export const assessmentParams = z.object({ cc: countryCode, edition });

/** A comma-separated list, each item checked with `item`, at most 50 items. */
export function commaList<T extends z.ZodType<unknown, string>>(item: T, description: string) {
  return z
    .string()
    .max(2000, 'at most 2,000 characters')
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).max(50, 'at most 50 values'))
    .describe(description);
}

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'not a calendar date');

export const asn = z
  .string()
  .regex(/^(AS)?\d{1,10}$/i, 'expected an ASN like AS9198')
  .transform((s) => `AS${s.replace(/^AS/i, '')}`);

export const domainName = z
  .string()
  .max(253, 'domain too long')
  .regex(/^[A-Za-z0-9.-]+$/, 'expected a domain name')
  .transform((s) => s.toLowerCase());

/** `format=json` (default) or `format=csv`. */
export const format = z.enum(['json', 'csv']).default('json').describe('response format');

/** Cursor pagination: the opaque `cursor` of the previous page and a page size. */
export const page = {
  // A search cursor carries a uid (at most MAX_UID_LENGTH characters): 200 holds any of ours.
  cursor: z.string().max(200).optional().describe('opaque cursor from the previous page (its next_cursor)'),
  // Decimal digits only: a bare coercion took `0x27`, `1e2` and ` 5 ` as page sizes.
  limit: z
    .string()
    .regex(/^\d{1,7}$/, 'expected a whole number')
    .transform(Number)
    .pipe(z.number().int('expected an integer').min(1, 'at least 1').max(1000, 'at most 1000'))
    .default(100)
    .describe('page size, 1..1000'),
};
