/** The id shapes against every measurement_uid in the bundled OONI samples, and the values ingest once took as keys. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  isOoniMeasurementUid,
  MAX_STORED_UID_LENGTH,
  OONI_UID_PATTERN,
  STORED_UID_PATTERN,
} from './measurement-id.js';

// model/ imports nothing of src/, not even shared/'s data paths and CSV reader.
const SAMPLES = join(import.meta.dirname, '..', '..', 'data', 'ooni', 'measurements');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** Every measurement_uid the samples hold: INDEX.csv's column, and the field in the JSON, escaped or not. */
function sampleUids(): Set<string> {
  const uids = new Set<string>();
  // The columns before measurement_uid (file, repository, origin, kind) hold no comma or quote.
  const [header, ...rows] = readFileSync(join(SAMPLES, 'INDEX.csv'), 'utf8').trim().split('\n');
  const column = header!.split(',').indexOf('measurement_uid');
  expect(column).toBe(4);
  for (const row of rows) {
    const uid = row.split(',')[column];
    if (uid) uids.add(uid);
  }
  for (const file of files(SAMPLES).filter((f) => /\.jsonc?$/.test(f))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/measurement_uid\\*"\s*:\s*\\*"([^"\\]*)/g)) uids.add(m[1]!);
  }
  return uids;
}

describe('measurement ids', () => {
  it("takes every measurement_uid of OONI's published samples, current and legacy", () => {
    const uids = [...sampleUids()];
    expect(uids.length).toBeGreaterThan(1000);
    expect(uids.filter((u) => !isOoniMeasurementUid(u))).toEqual([]);
    expect(uids.some((u) => u.startsWith('01') && u.length === 40)).toBe(true);
    expect(uids.filter((u) => u.length > MAX_STORED_UID_LENGTH)).toEqual([]);
  });

  it('refuses what ingest once took as a key as sent', () => {
    const bad = [
      '',
      'x'.repeat(100_000),
      '20240514233718.029308_KZ_webconnectivity_007c5a9f4031213d\t',
      '20240514233718.029308_KZ_webconnectivity_007c5a9f4031213d\r',
      '<script>alert(1)</script>/../../etc/passwd',
      '20240514233718.029308_KZ_web_connectivity_007c5a9f4031213d', // an underscore in the test name
      '20240514233718.029308_kz_webconnectivity_007c5a9f4031213d', // a lower-case country
      '20240514233718.029308_KZ_webconnectivity_007C5A9F4031213D', // upper-case hex
      '20240514233718.029308_KZ_webconnectivity_007c5a9f4031213', // 15 hex digits
      '2024051423371.029308_KZ_webconnectivity_007c5a9f4031213d', // 13 digits
      '0120150828abcdefabcdefabcdefabcdefabcdefa', // 31 hex digits
      '02201508281c027b0b3dbb5701351ae370852165',
      'h-0123456789abcdef0123456789abcdef',
      '20240514233718.029308_KZ_webconnectivity_007c5a9f4031213d\n20240514233718.029308_KZ_x_007c5a9f4031213d',
    ];
    for (const uid of bad) expect(isOoniMeasurementUid(uid), JSON.stringify(uid.slice(0, 80))).toBe(false);
    expect(isOoniMeasurementUid(42)).toBe(false);
    expect(OONI_UID_PATTERN.test('01201508281c027b0b3dbb5701351ae370852165')).toBe(true);
  });

  it('describes every id netfreedom stores: OONI shapes and the content hashes of records without one', () => {
    for (const id of [
      '20240514233718.029308_KZ_webconnectivity_007c5a9f4031213d',
      '01201508281c027b0b3dbb5701351ae370852165',
      'h-0123456789abcdef0123456789abcdef',
      'cp-0123456789abcdef0123456789abcdef',
    ]) {
      expect(STORED_UID_PATTERN.test(id), id).toBe(true);
    }
    for (const id of [
      'h-0123',
      'cp-0123456789ABCDEF0123456789abcdef',
      'x-0123456789abcdef0123456789abcdef',
      '',
    ]) {
      expect(STORED_UID_PATTERN.test(id), id).toBe(false);
    }
    const longest = `${'1'.repeat(14)}.${'1'.repeat(6)}_KZ_${'a'.repeat(40)}_${'0'.repeat(16)}`;
    expect([STORED_UID_PATTERN.test(longest), longest.length]).toEqual([true, MAX_STORED_UID_LENGTH]);
    expect(STORED_UID_PATTERN.test(longest.replace('_KZ_', '_KZ_a'))).toBe(false);
  });
});
