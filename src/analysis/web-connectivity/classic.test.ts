import { describe, expect, it } from 'vitest';
import { computeClassicKeys } from './classic.js';
import { HEADERS, IP, okControl, PAGE, WcBuilder } from './test-keys-builder.js';

function keys(b: WcBuilder) {
  return computeClassicKeys(b.tk);
}

describe('computeClassicKeys — final responses (rule 1)', () => {
  it('a successful HTTPS response is accessible, whatever the control says', () => {
    const b = new WcBuilder().dns([IP]).endpoint(IP, 443, { tls: null, http: { code: 403, body: 'nope' } });
    b.control({ dns: { failure: null, addrs: ['1.1.1.1'] } });
    const k = keys(b);
    expect([k.blocking, k.accessible]).toEqual([false, true]);
  });

  it('an HTTP response without control data is undetermined', () => {
    const b = new WcBuilder('http://example.org/')
      .dns([IP])
      .endpoint(IP, 80, { http: { code: 200, body: PAGE } });
    b.tk.control_failure = 'generic_timeout_error';
    b.tk.control = {};
    const k = keys(b);
    expect([k.blocking, k.accessible, k.dns_consistency]).toEqual([null, null, null]);
  });

  it('an HTTP response matching the control is accessible, with the diff keys filled', () => {
    const b = okControl(
      new WcBuilder('http://example.org/')
        .dns([IP])
        .endpoint(IP, 80, { http: { code: 200, body: PAGE, headers: HEADERS } }),
    );
    const k = keys(b);
    expect([k.blocking, k.accessible, k.dns_consistency]).toEqual([false, true, 'consistent']);
    expect(k).toMatchObject({
      body_proportion: 1,
      body_length_match: true,
      status_code_match: true,
      headers_match: true,
      title_match: true,
    });
  });

  it('a different page is http-diff', () => {
    const block = '<html><title>Access denied by order</title>blocked</html>';
    const b = okControl(
      new WcBuilder('http://example.org/').dns([IP]).endpoint(IP, 80, { http: { code: 200, body: block } }),
    );
    const k = keys(b);
    expect([k.blocking, k.accessible]).toEqual(['http-diff', false]);
    expect(k.title_match).toBe(false);
    expect(k.headers_match).toBe(false);
    expect(k.body_length_match).toBe(false);
  });

  it('a different page with inconsistent DNS is dns', () => {
    const b = okControl(
      new WcBuilder('http://example.org/')
        .dns(['10.10.34.35'])
        .endpoint('10.10.34.35', 80, { http: { code: 200, body: 'x' } }),
    );
    const k = keys(b);
    expect([k.dns_consistency, k.blocking, k.accessible]).toEqual(['inconsistent', 'dns', false]);
  });
});

describe('computeClassicKeys — failures (rules 2–5)', () => {
  it('an HTTP round trip failing where the control fetched the page is http-failure', () => {
    const b = okControl(
      new WcBuilder('http://example.org/').dns([IP]).endpoint(IP, 80, { http: 'connection_reset' }),
    );
    const k = keys(b);
    expect([k.blocking, k.accessible, k.http_experiment_failure]).toEqual([
      'http-failure',
      false,
      'connection_reset',
    ]);
  });

  it('an HTTP failure where the control failed too is a site down', () => {
    const b = okControl(
      new WcBuilder('http://example.org/').dns([IP]).endpoint(IP, 80, { http: 'eof_error' }),
      {
        http_request: { body_length: -1, failure: 'eof_error', title: '', headers: {}, status_code: -1 },
      },
    );
    expect([keys(b).blocking, keys(b).accessible]).toEqual([false, false]);
  });

  it('a TLS handshake timing out where the control succeeded is http-failure', () => {
    const b = okControl(new WcBuilder().dns([IP]).endpoint(IP, 443, { tls: 'generic_timeout_error' }));
    const k = keys(b);
    expect([k.blocking, k.accessible, k.http_experiment_failure]).toEqual([
      'http-failure',
      false,
      'generic_timeout_error',
    ]);
  });

  it('a TLS failure the control shares is a site down', () => {
    const b = okControl(new WcBuilder().dns([IP]).endpoint(IP, 443, { tls: 'ssl_invalid_certificate' }), {
      tls_handshake: {
        [`${IP}:443`]: { server_name: 'example.org', status: false, failure: 'ssl_invalid_certificate' },
      },
    });
    expect([keys(b).blocking, keys(b).accessible]).toEqual([false, false]);
  });

  it('a TLS failure without control TLS data but with a control page is http-failure', () => {
    const b = okControl(
      new WcBuilder().dns([IP]).endpoint(IP, 443, { tls: 'connection_reset', sni: 'other.example' }),
    );
    expect(keys(b).blocking).toBe('http-failure');
  });

  it('a TLS failure with no control at all is undetermined', () => {
    const b = new WcBuilder().dns([IP]).endpoint(IP, 443, { tls: 'connection_reset' });
    expect([keys(b).blocking, keys(b).accessible]).toEqual([null, null]);
  });

  it('a TCP connect failing where the control connected is tcp_ip', () => {
    const b = okControl(new WcBuilder().dns([IP]).endpoint(IP, 443, { tcp: 'generic_timeout_error' }));
    expect([keys(b).blocking, keys(b).accessible]).toEqual(['tcp_ip', false]);
  });

  it('a TCP failure the control shares is a site down', () => {
    const b = okControl(new WcBuilder().dns([IP]).endpoint(IP, 443, { tcp: 'connection_refused' }), {
      tcp_connect: { [`${IP}:443`]: { status: false, failure: 'connection_refused' } },
    });
    expect([keys(b).blocking, keys(b).accessible]).toEqual([false, false]);
  });

  it('a TCP failure to an address the control never tried is http-failure, or dns when DNS is inconsistent', () => {
    const other = '203.0.113.7';
    const consistent = okControl(
      new WcBuilder().dns([other], { asn: 15133 }).endpoint(other, 443, { tcp: 'connection_refused' }),
      {
        ip_info: { [IP]: { asn: 15133, flags: 11 } },
      },
    );
    expect([keys(consistent).dns_consistency, keys(consistent).blocking]).toEqual([
      'consistent',
      'http-failure',
    ]);
    const bogon = okControl(
      new WcBuilder().dns(['10.10.34.35']).endpoint('10.10.34.35', 443, { tcp: 'generic_timeout_error' }),
    );
    expect([keys(bogon).dns_consistency, keys(bogon).blocking]).toEqual(['inconsistent', 'dns']);
  });

  it('a DNS failure where the control resolved the name is dns', () => {
    const b = okControl(new WcBuilder().dns('dns_nxdomain_error'));
    const k = keys(b);
    expect([k.dns_consistency, k.blocking, k.accessible, k.dns_experiment_failure]).toEqual([
      'inconsistent',
      'dns',
      false,
      'dns_nxdomain_error',
    ]);
  });

  it('a DNS failure the control shares is a site down (consistent)', () => {
    const b = okControl(new WcBuilder().dns('dns_nxdomain_error'), {
      dns: { failure: 'dns_name_error', addrs: [] },
    });
    const k = keys(b);
    expect([k.dns_consistency, k.blocking, k.accessible]).toEqual(['consistent', false, false]);
  });

  it('dns_no_answer where the control found no address is a site down', () => {
    const b = okControl(new WcBuilder().dns('dns_no_answer'), { dns: { failure: null, addrs: [] } });
    expect([keys(b).blocking, keys(b).accessible]).toEqual([false, false]);
  });

  it('a DNS failure while following a redirect to another domain is dns when the control fetched the page', () => {
    const b = okControl(
      new WcBuilder()
        .dns([IP])
        .endpoint(IP, 443, {
          tls: null,
          http: { code: 302, headers: { Location: 'https://www.example.org/' } },
        })
        .dns('dns_nxdomain_error', { host: 'www.example.org', depth: 1 }),
    );
    const k = keys(b);
    expect([k.blocking, k.accessible, k.http_experiment_failure]).toEqual([
      'dns',
      false,
      'dns_nxdomain_error',
    ]);
    expect(k.dns_experiment_failure).toBeNull();
  });

  it('a DNS failure with no control at all is undetermined', () => {
    const b = new WcBuilder().dns('dns_nxdomain_error');
    expect([keys(b).blocking, keys(b).accessible]).toEqual([null, null]);
  });
});

describe('computeClassicKeys — missing control parts (rules 2.1, 4.1.1, 5.1, setBlockingNil)', () => {
  it('an HTTP failure without the control’s HTTP part is undetermined, or dns when DNS is inconsistent', () => {
    const noHttp = { dns: { failure: null, addrs: [IP] }, tcp_connect: {}, tls_handshake: {} };
    const b = new WcBuilder('http://example.org/').dns([IP]).endpoint(IP, 80, { http: 'connection_reset' });
    b.control(noHttp);
    delete (b.tk.control as { http_request?: unknown }).http_request;
    expect([keys(b).blocking, keys(b).accessible, keys(b).http_experiment_failure]).toEqual([
      null,
      null,
      'connection_reset',
    ]);
    const bad = new WcBuilder('http://example.org/')
      .dns(['6.6.6.6'])
      .endpoint('6.6.6.6', 80, { http: 'connection_reset' });
    bad.control(noHttp);
    delete (bad.tk.control as { http_request?: unknown }).http_request;
    expect([keys(bad).dns_consistency, keys(bad).blocking, keys(bad).accessible]).toEqual([
      'inconsistent',
      'dns',
      false,
    ]);
  });

  it('a TCP failure with neither TCP nor HTTP control data is undetermined', () => {
    const b = new WcBuilder().dns([IP]).endpoint(IP, 443, { tcp: 'connection_refused' });
    b.control({ dns: { failure: null, addrs: [IP] } });
    delete (b.tk.control as { http_request?: unknown }).http_request;
    expect([keys(b).blocking, keys(b).accessible]).toEqual([null, null]);
  });

  it('a redirect DNS failure with a control but no control page follows v0.5 (accessible)', () => {
    const b = new WcBuilder().dns([IP]).dns('dns_nxdomain_error', { host: 'www.example.org', depth: 1 });
    b.control({ dns: { failure: null, addrs: [IP] } });
    delete (b.tk.control as { http_request?: unknown }).http_request;
    expect([keys(b).blocking, keys(b).accessible]).toEqual([false, true]);
  });
});

describe('computeClassicKeys — loopback answers (rules 6–7) and edge cases', () => {
  it('loopback-only answers where the control resolved real addresses are dns', () => {
    const b = okControl(new WcBuilder().dns(['127.0.0.1']));
    expect([keys(b).blocking, keys(b).accessible]).toEqual(['dns', false]);
  });

  it('loopback-only answers on both sides are a site down', () => {
    const b = okControl(new WcBuilder().dns(['127.0.0.1']), { dns: { failure: null, addrs: ['127.0.0.1'] } });
    const k = keys(b);
    expect([k.dns_consistency, k.blocking, k.accessible]).toEqual(['consistent', false, false]);
  });

  it('ignores endpoints tagged fetch_body=false and non-system resolvers', () => {
    const b = okControl(
      new WcBuilder('http://example.org/')
        .dns([IP])
        .dns(['6.6.6.6'], { engine: 'udp' })
        .endpoint(IP, 443, { tls: 'connection_reset', fetchBody: false })
        .endpoint(IP, 80, { http: { code: 200, body: PAGE, headers: HEADERS } }),
    );
    const k = keys(b);
    expect([k.dns_consistency, k.blocking, k.accessible]).toEqual(['consistent', false, true]);
  });

  it('gives null verdicts for empty or malformed test keys instead of throwing', () => {
    const bad = [
      {},
      { queries: 'x', tcp_connect: 5, requests: [null, 3] },
      { control: { http_request: 'x' }, requests: [{}] },
    ];
    for (const tk of bad) {
      const k = computeClassicKeys(tk as never);
      expect([k.blocking, k.accessible]).toEqual([null, null]);
    }
    expect(computeClassicKeys(null as never).blocking).toBeNull();
  });
});
