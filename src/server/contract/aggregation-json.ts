/** The aggregation answer, already in OONI's shape (its aggregation API's names): described, and shared with the CLI. */
import { z } from 'zod';
import type { AggregationAxis, AggregationRow } from '../../store/measurement-store.js';
import { DAILY_COUNT_VALUES } from '../../store/sql/daily-counts-queries.js';
import { named } from './api-schemas.js';

/**
 * OONI's five counts, in the order OONI lists them, netfreedom's own TLS-confirmed count (those the store keeps per
 * day), then the confirmations the trust rule leaves unverified, then how many of the measurements are simulated (so
 * that an export of simulated data says so in every row).
 */
export const AGGREGATION_COUNTS = [
  ...DAILY_COUNT_VALUES,
  'unverified_confirmed_count',
  'unverified_tls_confirmed_count',
  'simulated_count',
] as const;

const axisValue = (what: string) => z.string().optional().describe(`${what}, when it is an axis`);
const count = (what: string) => z.number().int().describe(what);

const aggregationRowJson = named(
  'AggregationRow',
  "One cell: the values of the axes asked for and OONI's counts (each measurement counted once: failure, then " +
    'confirmed, then anomaly, else ok)',
  z.strictObject({
    measurement_start_day: axisValue('day, YYYY-MM-DD'),
    probe_asn: axisValue('network'),
    domain: axisValue('domain'),
    category_code: axisValue('Citizen Lab category'),
    probe_cc: axisValue('country'),
    technique: axisValue('blocking technique'),
    test_name: axisValue('OONI test name'),
    measurement_count: count('measurements'),
    ok_count: count('measurements whose outcome is ok'),
    anomaly_count: count(
      'measurements whose outcome is anomaly, and (unless include_unverified=true) those confirmed whose ' +
        'confirmation the trust rule leaves unverified',
    ),
    confirmed_count: count(
      "measurements whose outcome is confirmed (OONI's fingerprint confirmation) and whose confirmation the trust " +
        'rule verifies (a registered probe or an import, or corroborated); all of them with include_unverified=true',
    ),
    failure_count: count('measurements whose outcome is failure'),
    tls_confirmed_count: count(
      "measurements netfreedom's TLS checks confirm (neutral-SNI retry, known interception CA) and the trust rule " +
        "verifies; not one of OONI's outcomes: each is also counted under its outcome",
    ),
    unverified_confirmed_count: count(
      'confirmed measurements from an anonymous submission (or of unknown origin) not corroborated by independent ones',
    ),
    unverified_tls_confirmed_count: count('TLS-confirmed measurements the trust rule leaves unverified'),
    simulated_count: count(
      'how many of these measurements were produced by a simulated network (demo data, not evidence); 0 unless ' +
        'include_simulated=true',
    ),
  }),
);

/** The whole answer. */
export const aggregationJson = named(
  'Aggregation',
  "Counts by outcome along up to two axes, in the shape of OONI's aggregation API",
  z.strictObject({
    v: z.literal(0),
    dimension_count: z.number().int().min(0).max(2).describe('how many axes were asked for'),
    result: z.array(aggregationRowJson),
  }),
);

export type AggregationJson = z.output<typeof aggregationJson>;
export type AggregationRowJson = z.output<typeof aggregationRowJson>;

/** The answer for rows aggregated along `axes`. */
export function toAggregationJson(rows: AggregationRow[], axes: AggregationAxis[]): AggregationJson {
  return { v: 0, dimension_count: axes.length, result: rows };
}

/** The CSV columns: the axes asked for (or, in the documentation, placeholders for them), then the counts. */
export function aggregationColumns(axes: readonly string[]): string[] {
  return [...axes, ...AGGREGATION_COUNTS];
}
