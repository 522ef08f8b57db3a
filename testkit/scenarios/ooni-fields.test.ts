import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataPath } from '../../src/shared/paths.js';
import { ooniFieldProblems } from './ooni-fields.js';

const specExample = JSON.parse(
  readFileSync(
    dataPath('ooni', 'measurements', 'ooni-spec', 'ts-017-web-connectivity.example-output-sample.json'),
    'utf8',
  ),
);

describe('the OONI field list checker', () => {
  it("accepts OONI's own spec example", () => {
    expect(ooniFieldProblems(specExample)).toEqual([]);
  });

  it('names missing fields, wrong types and values outside the enums', () => {
    const broken = structuredClone(specExample);
    delete broken.report_id;
    broken.test_keys.blocking = 'tls';
    broken.test_keys.tcp_connect[0].port = '443';
    broken.measurement_start_time = '2024-01-01T00:00:00Z';
    expect(ooniFieldProblems(broken)).toEqual([
      'report_id: missing',
      'measurement_start_time: not "YYYY-MM-DD hh:mm:ss"',
      'test_keys.blocking: "tls"',
      'test_keys.tcp_connect[0].port: string, expected number',
    ]);
  });
});
