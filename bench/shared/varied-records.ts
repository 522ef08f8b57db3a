/**
 * Realistic web_connectivity records for the pipeline benchmarks (bench/ingest, bench/sync): real OONI samples varied
 * (inputs from the bundled test lists, KZ/RU/UZ networks, times across a span, a verdict mix).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

const SAMPLES = ['report1.json', 'bug_352.json', 'web_connectivity_null.json'].map((f) =>
  JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'pipeline', 'ooni', f), 'utf8')),
);
const URLS = ['kz.csv', 'global.csv', 'ru.csv']
  .flatMap((f) =>
    readFileSync(join(ROOT, 'data', 'test-lists', f), 'utf8')
      .split('\n')
      .slice(1),
  )
  .map((line) => line.split(',')[0]!)
  .filter((u) => u.startsWith('http'));
export const NETWORKS: [string, string][] = [
  ['KZ', 'AS9198'],
  ['KZ', 'AS21299'],
  ['KZ', 'AS206026'],
  ['KZ', 'AS41798'],
  ['KZ', 'AS48716'],
  ['RU', 'AS12389'],
  ['RU', 'AS8359'],
  ['UZ', 'AS8193'],
];
const VERDICTS: [unknown, unknown][] = [
  [false, true],
  [false, true],
  [false, true],
  [false, true],
  [false, true],
  [false, true],
  ['http-failure', false],
  ['dns', false],
  ['http-diff', false],
  [null, null],
];

export interface VariedOptions {
  /** Every other record gets a Cyrillic note, as pages of KZ and RU sites bring into real measurements. */
  cyrillic?: boolean;
  /** Only these networks (default: all of NETWORKS). */
  networks?: [string, string][];
  /** Times spread over [start, start + spanSeconds) (default: 2024 from its first day, a year). */
  start?: number;
  spanSeconds?: number;
}

/** Record `i` as one JSON line. */
export function variedRecord(i: number, options: VariedOptions = {}): string {
  return JSON.stringify(variedMeasurement(i, options));
}

/** Record `i` as an object (its bodies are the samples' own: about 3 KB a record). */
export function variedMeasurement(i: number, options: VariedOptions = {}): Record<string, unknown> {
  const networks = options.networks ?? NETWORKS;
  const start = options.start ?? Date.parse('2024-01-01T00:00:00Z');
  const span = options.spanSeconds ?? 365 * 86400;
  const s = SAMPLES[i % SAMPLES.length];
  const [cc, asn] = networks[(i * 7) % networks.length]!;
  const [blocking, accessible] = VERDICTS[(i * 13) % VERDICTS.length]!;
  const t = new Date(start + ((i * 7919) % span) * 1000).toISOString().slice(0, 19).replace('T', ' ');
  return {
    ...s,
    input: URLS[i % URLS.length],
    probe_cc: cc,
    probe_asn: asn,
    report_id: `bench-${i}`,
    measurement_start_time: t,
    test_start_time: t,
    test_keys: { ...s.test_keys, blocking, accessible },
    ...(options.cyrillic && i % 2 ? { annotations: { note: 'Қазақстандағы интернет бостандығы' } } : {}),
  };
}
