import { describe, expect, it } from 'vitest';
import { networkSteps, requestChain } from './network-steps.js';
import { ARCHIVE, demoRecord, RUTOR } from './sample-records.js';
import { readTestKeys } from './test-keys.js';

const brief = (raw: unknown, input: string) =>
  networkSteps(readTestKeys(raw), input).map((s) => [s.kind, s.label, s.span ? 'bar' : 'no bar']);

describe('the steps of a measurement', () => {
  it('follows the request chain of the 2020 rutor.org record (listed blockpage first), with no timing it lacks', () => {
    expect(brief(RUTOR, 'http://rutor.org/')).toEqual([
      ['DNS', 'rutor.org', 'no bar'],
      ['TCP', '5.61.49.61:80', 'no bar'],
      ['HTTP', 'http://rutor.org/ → 302', 'no bar'],
      ['HTTP', 'http://89.223.47.135/index.html → 200', 'no bar'],
    ]);
  });

  it('follows the redirect of the archive.org record; its steps have ends but no starts', () => {
    const steps = networkSteps(readTestKeys(ARCHIVE), 'http://archive.org');
    expect(steps.filter((s) => s.kind === 'HTTP').map((s) => s.label)).toEqual([
      'http://archive.org → 302',
      'http://lamanlabuh.aduankonten.id/ → 200',
    ]);
    expect(steps.every((s) => s.span === null)).toBe(true);
    expect(steps.find((s) => s.kind === 'TCP')?.end).toBeCloseTo(1.3505, 3);
  });

  it('puts the neutral-SNI retry right after the handshake it repeats, with its duration and no start', () => {
    const keys = readTestKeys(demoRecord('kzClientHelloStallBySNI'));
    const steps = networkSteps(keys, 'https://meduza.io/');
    const i = steps.findIndex((s) => s.kind === 'TLS' && !s.retry);
    expect(steps[i]).toMatchObject({
      label: 'meduza.io @ 185.22.64.15:443',
      failure: 'generic_timeout_error',
    });
    expect(steps[i + 1]).toMatchObject({
      kind: 'TLS',
      retry: true,
      label: 'example.com @ 185.22.64.15:443',
      failure: null,
      span: null,
      // The retry's own time as the record gives it (the demo file is regenerated with the probe's timings).
      duration: keys.sniRetries[0]!.neutralHandshakeTime,
    });
    expect(steps[i + 1]!.duration).toBeGreaterThan(0);
  });

  it('orders timed steps by when they started', () => {
    const steps = networkSteps(readTestKeys(demoRecord('kzAccessible')), 'https://www.kaztag.kz/');
    const starts = steps.map((s) => s.span?.start ?? Number.NaN);
    expect(starts.every((t) => Number.isFinite(t))).toBe(true);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it('follows relative redirects and keeps requests outside the chain after it', () => {
    const req = (url: string, status: number, location: string | null = null) => ({
      url,
      status,
      location,
      failure: null,
      body: null,
      bodyTruncated: false,
    });
    // Recorded newest first, as web_connectivity before 0.5 records them; one request belongs to no chain.
    const chain = requestChain(
      [
        req('https://x.test/end', 200),
        req('https://other.test/', 200),
        req('http://x.test/a', 302, 'https://x.test/end'),
        req('http://x.test/', 301, '/a'),
      ],
      'http://x.test',
    );
    expect(chain.map((r) => r.url)).toEqual([
      'http://x.test/',
      'http://x.test/a',
      'https://x.test/end',
      'https://other.test/',
    ]);
  });
});
