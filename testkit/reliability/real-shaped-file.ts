/**
 * A JSON Lines file shaped like a real OONI dump: the 41 real fastpath samples of OONI's backend tests, cycled, each
 * copy with its own report_id and no measurement_uid (so the store names it by its content, as a probe's own file).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataPath } from '../../src/shared/paths.js';

const SAMPLES = dataPath('ooni', 'measurements', 'ooni-backend', 'fastpath-tests-data');

/** Writes `count` measurements to `file` (one per line) and answers their report_ids in order. */
export function writeRealShapedFile(file: string, count: number): string[] {
  const samples = readdirSync(SAMPLES)
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((n) => JSON.parse(readFileSync(join(SAMPLES, n), 'utf8')) as Record<string, unknown>);
  const ids: string[] = [];
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const { measurement_uid: _dropped, ...m } = samples[i % samples.length]!;
    const reportId = `${String(m.report_id ?? 'r')}_crash${i}`;
    ids.push(reportId);
    lines.push(JSON.stringify({ ...m, report_id: reportId }));
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  return ids;
}
