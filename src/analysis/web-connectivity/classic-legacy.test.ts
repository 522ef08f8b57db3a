// v0.4 and older test keys, pre-0.5.28 v0.5, and hostile sizes (split from classic.test.ts).
import { describe, expect, it } from 'vitest';
import { computeClassicKeys } from './classic.js';
import { arr, MAX_STEPS } from './observations.js';
import { HEADERS, IP, okControl, PAGE, thHttp, WcBuilder } from './test-keys-builder.js';

describe('computeClassicKeys — v0.4 test keys', () => {
  function v04(
    final: { failure?: string; code?: number; body?: string; url?: string; headers?: Record<string, string> },
    control: Record<string, unknown>,
  ) {
    return {
      queries: [
        {
          answers: [{ answer_type: 'A', ipv4: IP, ttl: null }],
          engine: 'system',
          failure: null,
          hostname: 'example.org',
          query_type: 'A',
          resolver_address: '',
          t: 0,
        },
      ],
      tcp_connect: [{ ip: IP, port: 80, status: { success: true, failure: null }, t: 0 }],
      requests: [
        {
          failure: final.failure ?? null,
          request: {
            url: final.url ?? 'http://www.example.org/',
            method: 'GET',
            headers: {},
            body: '',
            body_is_truncated: false,
          },
          response: final.failure
            ? null
            : {
                code: final.code ?? 200,
                headers: final.headers ?? HEADERS,
                body: final.body ?? PAGE,
                body_is_truncated: false,
              },
          t: 1,
        },
        {
          failure: null,
          request: {
            url: 'http://example.org/',
            method: 'GET',
            headers: {},
            body: '',
            body_is_truncated: false,
          },
          response: {
            code: 301,
            headers: { Location: 'http://www.example.org/' },
            body: '',
            body_is_truncated: false,
          },
          t: 0.5,
        },
      ],
      control: {
        tcp_connect: { [`${IP}:80`]: { status: true, failure: null } },
        dns: { failure: null, addrs: [IP] },
        http_request: thHttp(PAGE, HEADERS, 200, 'Example Domain for documentation'),
        ...control,
      },
      control_failure: null,
      blocking: 'dns',
      accessible: false,
    } as never;
  }

  it('reads requests newest first: the final response decides', () => {
    expect(computeClassicKeys(v04({}, {})).blocking).toBe(false);
    // v0.4: identical header names count as a match, so the same headers hide a different body.
    expect(computeClassicKeys(v04({ body: 'blocked' }, {})).blocking).toBe(false);
    expect(computeClassicKeys(v04({ body: 'blocked', headers: { Server: 'x' } }, {})).blocking).toBe(
      'http-diff',
    );
  });

  it('takes legacy failure names as failures', () => {
    const k = computeClassicKeys(v04({ failure: 'response_never_received' }, {}));
    expect([k.blocking, k.http_experiment_failure]).toEqual(['http-failure', 'response_never_received']);
  });

  it("applies Go v0.4's rule: a failed control fetch leaves the verdict undetermined", () => {
    const failed = {
      http_request: {
        body_length: -1,
        failure: 'generic_timeout_error',
        title: '',
        headers: {},
        status_code: -1,
      },
    };
    expect(
      computeClassicKeys(v04({ failure: 'connection_reset' }, failed), { testVersion: '0.4.3' }).blocking,
    ).toBeNull();
    expect(
      computeClassicKeys(v04({ failure: 'connection_reset' }, failed), { testVersion: '0.3.0' }).blocking,
    ).toBe(false);
  });

  it('uses v0.4 title rule: an empty probe title gives null', () => {
    const k = computeClassicKeys(v04({ body: '<html>no title here at all</html>' }, {}));
    expect(k.title_match).toBeNull();
  });

  it('when every TCP connect failed, the TCP failure decides (tcp_ip)', () => {
    const tk = v04({ failure: 'connection_refused' }, {}) as unknown as {
      tcp_connect: { status: unknown }[];
      requests: unknown[];
    };
    tk.tcp_connect[0]!.status = { success: false, failure: 'connection_refused' };
    tk.requests.splice(1);
    expect(computeClassicKeys(tk as never).blocking).toBe('tcp_ip');
  });
});

describe('computeClassicKeys — v0.5 before 0.5.28 (orig engine)', () => {
  it('keeps "both failed to connect" undetermined unless every connect failed on both sides', () => {
    const thTcp = {
      [`${IP}:80`]: { status: false, failure: 'generic_timeout_error' },
      [`${IP}:443`]: { status: true, failure: null },
    };
    const b = okControl(
      new WcBuilder('http://example.org/')
        .dns([IP])
        .endpoint(IP, 80, { tcp: 'generic_timeout_error' })
        .endpoint(IP, 443, { tls: null, fetchBody: false }),
      { tcp_connect: thTcp },
    );
    expect(computeClassicKeys(b.tk, { testVersion: '0.5.28' }).blocking).toBe(false);
    expect(computeClassicKeys(b.tk, { testVersion: '0.5.26' }).blocking).toBeNull();
    const all = okControl(
      new WcBuilder('http://example.org/').dns([IP]).endpoint(IP, 80, { tcp: 'generic_timeout_error' }),
      {
        tcp_connect: { [`${IP}:80`]: { status: false, failure: 'generic_timeout_error' } },
      },
    );
    expect(computeClassicKeys(all.tk, { testVersion: '0.5.26' }).blocking).toBe(false);
  });
});

describe('computeClassicKeys — hostile sizes', () => {
  it('reads at most MAX_STEPS steps of one kind', () => {
    expect(arr(Array.from({ length: MAX_STEPS * 5 }, (_, i) => i))).toHaveLength(MAX_STEPS);
    expect(arr('not an array' as never)).toEqual([]);
    // A TCP failure placed after MAX_STEPS successes is never seen.
    const b = okControl(new WcBuilder('http://example.org/').dns([IP]));
    for (let i = 0; i < MAX_STEPS; i++) b.endpoint(IP, 80, { tcp: null });
    b.endpoint(IP, 80, { tcp: 'connection_refused' });
    expect(computeClassicKeys(b.tk).blocking).toBeNull();
    b.tk.tcp_connect = b.tk.tcp_connect!.slice(-1);
    expect(computeClassicKeys(b.tk).blocking).toBe('tcp_ip');
  });
});
