/**
 * Measurements as probes submit them in the crash and load tests: a real OONI web_connectivity sample, each copy
 * with its own input, report_id and start time, in a country no bundled record has, with probe_ip already scrubbed
 * (so the stored text is the text sent), and the uid the server names it by (a hash of that text).
 */
import { readFileSync } from 'node:fs';
import { contentHash } from '../../src/ingest/record-fields.js';
import { dataPath } from '../../src/shared/paths.js';

/** Only these tests' measurements are from this country. */
export const SUBMISSION_CC = 'TV';

export interface Submission {
  body: string;
  uid: string;
}

const SAMPLE = JSON.parse(
  readFileSync(
    dataPath('ooni', 'measurements', 'ooni-spec', 'ts-017-web-connectivity.example-output-sample.json'),
    'utf8',
  ),
) as Record<string, unknown>;

/** Probe p's n-th measurement (`tag` keeps the sets of different tests apart). */
export function submission(tag: string, p: number, n: number): Submission {
  const body = JSON.stringify({
    ...SAMPLE,
    input: `https://${tag}-p${p}-${n}.reliability.test/`,
    probe_cc: SUBMISSION_CC,
    probe_ip: '127.0.0.1',
    report_id: `20240601T000000Z_webconnectivity_${SUBMISSION_CC}_${tag}_${p}_${n}`,
    measurement_start_time: `2024-06-0${1 + ((p + n) % 5)} ${String(n % 24).padStart(2, '0')}:${String(p % 60).padStart(2, '0')}:00`,
  });
  return { body, uid: `h-${contentHash(body)}` };
}
