/** The measurement filter as query parameters (OONI's names), parsed with zod into the store's filter. */
import { z } from 'zod';
import { OUTCOMES, TECHNIQUES } from '../../model/verdict.js';
import type { MeasurementFilter } from '../../store/measurement-store.js';
import { asn, commaList, countryCode, domainName, isoDate } from '../query-schemas.js';

/** Query parameters shared by search, aggregation and the list views. */
export const filterQuery = {
  probe_cc: commaList(countryCode, 'country codes, comma-separated').optional(),
  probe_asn: commaList(asn, 'networks (AS1234), comma-separated').optional(),
  domain: commaList(domainName, 'domains, comma-separated').optional(),
  category_code: commaList(
    z.string().regex(/^[A-Z]{2,6}$/, 'expected a Citizen Lab category code'),
    'Citizen Lab category codes',
  ).optional(),
  test_name: commaList(
    z.string().regex(/^[a-z_]{1,40}$/, 'expected a test name'),
    'OONI test names',
  ).optional(),
  outcome: commaList(z.enum(OUTCOMES), 'ok, anomaly, confirmed, failure').optional(),
  technique: commaList(z.enum(TECHNIQUES), 'blocking techniques').optional(),
  since: isoDate.optional().describe('first day (YYYY-MM-DD), inclusive'),
  until: isoDate.optional().describe('last day (YYYY-MM-DD), exclusive'),
  include_simulated: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => v === 'true' || v === '1')
    .describe('include simulated (demo) measurements; default false'),
  include_unverified: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => v === 'true' || v === '1')
    .describe(
      'count every confirmation the analysis makes, also those the trust rule leaves unverified (anonymous, not ' +
        'corroborated); default false',
    ),
};

type FilterInput = {
  [K in keyof typeof filterQuery]?: z.infer<(typeof filterQuery)[K]>;
};

/** Maps parsed query parameters to the store filter (absent values stay absent). */
export function toFilter(q: FilterInput): MeasurementFilter {
  const f: MeasurementFilter = {};
  if (q.probe_cc?.length) f.probeCc = q.probe_cc;
  if (q.probe_asn?.length) f.probeAsn = q.probe_asn;
  if (q.domain?.length) f.domain = q.domain;
  if (q.category_code?.length) f.categoryCode = q.category_code;
  if (q.test_name?.length) f.testName = q.test_name;
  if (q.outcome?.length) f.outcome = q.outcome;
  if (q.technique?.length) f.technique = q.technique;
  if (q.since) f.since = q.since;
  if (q.until) f.until = q.until;
  if (q.include_simulated) f.includeSimulated = true;
  if (q.include_unverified) f.includeUnverified = true;
  return f;
}
