/** Test support: loads the bundled OONI sample measurements listed in data/ooni/measurements/INDEX.csv. */
import { readFileSync } from 'node:fs';
import type { Measurement } from '../../src/model/measurement.js';
import { parseCsv } from '../../src/shared/csv.js';
import { dataPath } from '../../src/shared/paths.js';

/** One row of INDEX.csv (the columns we use). */
export interface SampleRow {
  file: string;
  origin: string;
  record_kind: string;
  measurement_uid: string;
  test_name: string;
  test_version: string;
  probe_cc: string;
  tk_blocking: string;
  tk_accessible: string;
  backend_anomaly: string;
  backend_confirmed: string;
  backend_failure: string;
  backend_fingerprints: string;
}

/** A loaded sample: its index row, the measurement, and OONI's backend verdict when the file carries one. */
export interface Sample {
  row: SampleRow;
  /** A short stable name: the uid, or the file name (scenario name for synthetic QA). */
  id: string;
  measurement: Measurement<Record<string, unknown>>;
  backend?: { anomaly: boolean; confirmed: boolean; failure: boolean; scores: unknown };
}

const ROOT = dataPath('ooni', 'measurements');

/** Every INDEX.csv row whose record is a raw measurement (or test keys only), loaded from its file. */
export function loadSamples(): Sample[] {
  const [header, ...records] = parseCsv(readFileSync(`${ROOT}/INDEX.csv`, 'utf8'));
  const columns = header?.fields ?? [];
  const out: Sample[] = [];
  for (const record of records) {
    const row = Object.fromEntries(
      columns.map((c, i) => [c, record.fields[i] ?? '']),
    ) as unknown as SampleRow;
    if (!['raw_measurement', 'raw_measurement+backend_verdict', 'test_keys_only'].includes(row.record_kind))
      continue;
    let text: string;
    try {
      text = readFileSync(`${ROOT}/${row.file}`, 'utf8');
    } catch {
      continue; // not bundled (e.g. the verdict-only SQL rows)
    }
    for (const sample of parseSampleFile(row, text)) out.push(sample);
  }
  return out;
}

function parseSampleFile(row: SampleRow, text: string): Sample[] {
  const name = row.file.includes('/generated/') ? row.file.split('/').at(-2)! : row.file.split('/').at(-1)!;
  if (row.record_kind === 'test_keys_only') {
    const json = text.replace(/^\s*\/\/.*$/gm, '');
    const tk = JSON.parse(json);
    const measurement = {
      test_name: 'web_connectivity',
      test_version: '0.5',
      probe_cc: row.probe_cc,
      input: null,
      test_keys: tk,
    } as unknown as Measurement<Record<string, unknown>>;
    return [{ row, id: name, measurement }];
  }
  if (row.record_kind === 'raw_measurement+backend_verdict') {
    const body = JSON.parse(JSON.parse(text).body);
    const measurement = JSON.parse(body.raw_measurement);
    measurement.measurement_uid ??= body.measurement_uid;
    return [
      {
        row,
        id: body.measurement_uid ?? name,
        measurement,
        backend: {
          anomaly: body.anomaly,
          confirmed: body.confirmed,
          failure: body.failure,
          scores: body.scores,
        },
      },
    ];
  }
  // JSON or JSONL: pick the record with this uid/test when the file holds several.
  const records =
    text.trim().startsWith('{') && !text.includes('\n{')
      ? [JSON.parse(text)]
      : text
          .split('\n')
          .filter((l) => l.trim())
          .map((l) => JSON.parse(l));
  const match = records.filter(
    (r) => !row.measurement_uid || r.measurement_uid === row.measurement_uid || records.length === 1,
  );
  return (match.length ? match : records.slice(0, 1)).map((m) => ({
    row,
    id: row.measurement_uid || name,
    measurement: m,
  }));
}
