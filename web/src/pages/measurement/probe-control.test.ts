import { describe, expect, it } from 'vitest';
import { probeControlRows } from './probe-control.js';
import { ARCHIVE, demoRecord, RUTOR } from './sample-records.js';
import { readTestKeys } from './test-keys.js';

describe('the probe beside the control', () => {
  it('compares the 2020 rutor.org record: same DNS answer and connection, the blockpage against the real page', () => {
    const { rows, probeUrl } = probeControlRows(readTestKeys(RUTOR), 'http://rutor.org/');
    // The probe's side of HTTP is the response at the end of its redirects, as OONI compares it.
    expect(probeUrl).toBe('http://89.223.47.135/index.html');
    expect(rows).toEqual([
      { row: 'dns', probe: { values: ['5.61.49.61'] }, control: { values: ['5.61.49.61'] } },
      { row: 'tcp', endpoint: '5.61.49.61:80', probe: { ok: true }, control: { ok: true } },
      { row: 'httpStatus', probe: { text: '200' }, control: { text: '200' } },
      { row: 'httpTitle', probe: { values: [] }, control: { text: 'RUTOR.ORG' } },
      {
        row: 'httpLength',
        probe: { bytes: 31692, truncated: false },
        control: { bytes: 4864, truncated: false },
      },
    ]);
  });

  it('shows what only one side measured as not measured on the other', () => {
    const { rows } = probeControlRows(readTestKeys(ARCHIVE), 'http://archive.org');
    // The probe fetched http://archive.org only; the control also tried port 443.
    expect(rows.find((r) => r.row === 'tls')).toEqual({
      row: 'tls',
      endpoint: '207.241.224.2:443',
      serverName: 'archive.org',
      probe: { none: true },
      control: { ok: true },
    });
    expect(rows.find((r) => r.row === 'httpTitle')?.probe).toEqual({ text: 'Trustpositif' });
  });

  it('gives a failure as the failure string', () => {
    const { rows } = probeControlRows(
      readTestKeys(demoRecord('kzClientHelloStallBySNI')),
      'https://meduza.io/',
    );
    expect(rows.find((r) => r.row === 'tls')).toMatchObject({
      endpoint: '185.22.64.15:443',
      probe: { failure: 'generic_timeout_error' },
      control: { ok: true },
    });
    expect(rows.find((r) => r.row === 'httpStatus')).toEqual({
      row: 'httpStatus',
      probe: { none: true },
      control: { text: '200' },
    });
  });
});
