import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { XTls } from '../../model/verdict.js';
import { computeClassicKeys } from '../web-connectivity/classic.js';
import { thHttp, WcBuilder } from '../web-connectivity/test-keys-builder.js';
import { certificateInfo } from './certificate-info.js';
import { loadInterceptionCas, parseInterceptionCas } from './interception-cas.js';
import { computeXVerdict } from './x-verdict.js';

/** Test-only chains made with openssl (testdata/chains.json): a fake ISCA-named root, a neutral root, leaves for example.org. */
const CERTS = JSON.parse(readFileSync(new URL('./testdata/chains.json', import.meta.url), 'utf8')) as Record<
  string,
  string
>;
const IP = '93.184.216.34';
const ADDR = `${IP}:443`;
const cas = loadInterceptionCas();

function okControl(b: WcBuilder, over: Record<string, unknown> = {}) {
  return b.control({
    dns: { failure: null, addrs: [IP] },
    tcp_connect: { [ADDR]: { status: true, failure: null } },
    tls_handshake: { [ADDR]: { server_name: 'example.org', status: true, failure: null } },
    http_request: thHttp('<html>page</html>'),
    ...over,
  });
}
function verdict(b: WcBuilder) {
  return computeXVerdict(b.tk, computeClassicKeys(b.tk), { interceptionCas: cas });
}

describe('certificateInfo', () => {
  it('hashes the DER and reads the names', () => {
    const info = certificateInfo(CERTS.mitm_leaf!)!;
    const der = Buffer.from(CERTS.mitm_leaf!, 'base64');
    expect(info.sha256).toBe(createHash('sha256').update(der).digest('hex'));
    expect(info.sha1).toBe(createHash('sha1').update(der).digest('hex'));
    expect(info.issuer).toBe('C=KZ, O=ISCA, CN=Information Security Certification Authority');
    expect(info.subject).toBe('CN=example.org');
    expect(info.spkiSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('returns null for garbage and oversized input instead of throwing', () => {
    expect(certificateInfo('bm90IGEgY2VydA==')).toBeNull();
    expect(certificateInfo('')).toBeNull();
    expect(certificateInfo('A'.repeat(200_000))).toBeNull();
  });
});

describe('interception CA matching', () => {
  const root = certificateInfo(CERTS.legit_root!)!;
  const db = parseInterceptionCas(
    JSON.stringify({
      entries: [
        { id: 'by-sha256', label: 'CA by SHA-256', subject: 'CN=x', sha256: root.sha256 },
        { id: 'by-sha1', label: 'CA by SHA-1', subject: 'CN=y', sha1: root.sha1.toUpperCase() },
        { id: 'by-spki', label: 'CA by SPKI', subject: 'CN=z', spki_sha256: root.spkiSha256 },
      ],
    }),
    'inline.json',
  );

  it('matches by SHA-256 first, then SHA-1, then SPKI', () => {
    expect(db.matchChain([root])).toMatchObject({ how: 'sha256', name: 'CA by SHA-256' });
    const noSha256 = { ...root, sha256: '00' };
    expect(db.matchChain([noSha256])).toMatchObject({ how: 'sha1', name: 'CA by SHA-1' });
    expect(db.matchChain([{ ...noSha256, sha1: '00' }])).toMatchObject({ how: 'spki', name: 'CA by SPKI' });
  });

  it('names an ISCA-issued chain by the bundled issuer patterns', () => {
    const m = cas.matchChain([certificateInfo(CERTS.mitm_leaf!)!]);
    expect(m).toMatchObject({ how: 'issuer', name: 'Information Security Certification Authority (KZ)' });
    expect(cas.matchChain([certificateInfo(CERTS.legit_leaf!)!])).toBeNull();
  });

  it('reports a malformed list with where', () => {
    expect(() => parseInterceptionCas('{"entries":[{"id":1}]}', 'f.json')).toThrow('f.json: entries[0]');
    expect(() => parseInterceptionCas('nope', 'f.json')).toThrow('f.json');
  });
});

describe('computeXVerdict', () => {
  it('plain OONI data: an ISCA chain is TLS-confirmed interception, even when the page loaded', () => {
    const b = okControl(
      new WcBuilder()
        .dns([IP])
        .endpoint(IP, 443, { tls: null, certs: [CERTS.mitm_leaf!, CERTS.isca_root!], http: { code: 200 } }),
    );
    const v = verdict(b);
    expect(v).toMatchObject({
      blocking: 'tls_interception',
      confirmed: false,
      tls_confirmed: true,
      accessible: true,
    });
    expect(v.evidence[0]).toContain(ADDR);
    expect(v.evidence[0]).toContain('Information Security Certification Authority');
  });

  it('x_tls.sni: target SNI timed out, neutral SNI and control succeeded ⇒ TLS-confirmed tls_sni', () => {
    const b = okControl(new WcBuilder().dns([IP]).endpoint(IP, 443, { tls: 'generic_timeout_error' }));
    const sni = (neutral: string | null): XTls => ({
      sni: [
        {
          address: ADDR,
          target_server_name: 'example.org',
          target_failure: 'generic_timeout_error',
          neutral_server_name: 'example.com',
          neutral_failure: neutral,
          neutral_handshake_time: 0.05,
        },
      ],
      interception: [],
      throttling: [],
    });
    b.tk.x_tls = sni(null);
    const v = verdict(b);
    expect(v).toMatchObject({
      blocking: 'tls_sni',
      accessible: false,
      confirmed: false,
      tls_confirmed: true,
    });
    expect(v.evidence[0]).toMatch(
      /93\.184\.216\.34:443 with SNI example\.org failed with generic_timeout_error.*example\.com/,
    );
    // The neutral SNI failing too means the address, not the name, is blocked: a TLS failure.
    b.tk.x_tls = sni('generic_timeout_error');
    expect(verdict(b)).toMatchObject({ blocking: 'tls', confirmed: false, tls_confirmed: false });
  });

  it('a TLS failure where the control succeeded is tls; without the control’s TLS it stays classic', () => {
    const b = okControl(new WcBuilder().dns([IP]).endpoint(IP, 443, { tls: 'connection_reset' }));
    expect(verdict(b)).toMatchObject({ blocking: 'tls', accessible: false });
    const noTls = okControl(new WcBuilder().dns([IP]).endpoint(IP, 443, { tls: 'connection_reset' }), {
      tls_handshake: {},
    });
    expect(verdict(noTls).blocking).toBe('http-failure');
  });

  it('keeps dns when DNS is inconsistent (the TLS failure is to a wrong address)', () => {
    const b = okControl(
      new WcBuilder().dns(['10.10.34.35']).endpoint('10.10.34.35', 443, { tls: 'connection_reset' }),
    );
    expect(verdict(b).blocking).toBe('dns');
  });

  it('throttling from x_tls.throttling', () => {
    const b = okControl(new WcBuilder().dns([IP]).endpoint(IP, 443, { tls: null, http: { code: 200 } }));
    b.tk.x_tls = {
      sni: [],
      interception: [],
      throttling: [
        {
          address: ADDR,
          handshake_time: 0.1,
          neutral_handshake_time: 0.1,
          transfer_time: 40,
          control_transfer_time: 2,
          bytes: 500000,
          slowdown: 20,
          throttled: true,
        },
      ],
    };
    const v = verdict(b);
    expect(v.blocking).toBe('throttling');
    expect(v.evidence[0]).toContain('20.0× slower');
  });

  it('x_tls.interception: a known CA confirms; an untrusted chain unlike the control’s is suspected', () => {
    const b = okControl(new WcBuilder().dns([IP]).endpoint(IP, 443, { tls: 'ssl_unknown_authority' }));
    const check = {
      address: ADDR,
      server_name: 'example.org',
      chain_sha256: ['ab'],
      control_chain_sha256: ['cd'],
      matches_control: false,
      known_ca: null as string | null,
      issuer: 'CN=Some Proxy',
      trusted: false,
    };
    b.tk.x_tls = { sni: [], interception: [check], throttling: [] };
    expect(verdict(b)).toMatchObject({ blocking: 'tls_interception', tls_confirmed: false });
    b.tk.x_tls = { sni: [], interception: [{ ...check, known_ca: 'Qaznet Trust Network' }], throttling: [] };
    const v = verdict(b);
    expect(v).toMatchObject({ blocking: 'tls_interception', confirmed: false, tls_confirmed: true });
    expect(v.evidence[0]).toContain('Qaznet Trust Network');
  });

  it("a chain the control did not see, failing verification, is suspected interception (control's x_certificate_sha256)", () => {
    const b = okControl(
      new WcBuilder()
        .dns([IP])
        .endpoint(IP, 443, { tls: 'ssl_unknown_authority', certs: [CERTS.legit_leaf!] }),
      {
        x_certificate_sha256: { [ADDR]: ['0'.repeat(64)] },
      },
    );
    expect(verdict(b)).toMatchObject({ blocking: 'tls_interception', confirmed: false, accessible: false });
  });

  it('maps the classic verdict otherwise, with evidence', () => {
    const ok = okControl(
      new WcBuilder()
        .dns([IP])
        .endpoint(IP, 443, { tls: null, certs: [CERTS.legit_leaf!], http: { code: 200 } }),
    );
    const v = verdict(ok);
    expect(v).toMatchObject({ blocking: false, accessible: true, confirmed: false });
    expect(v.evidence.length).toBeGreaterThan(0);
    const tcp = okControl(new WcBuilder().dns([IP]).endpoint(IP, 443, { tcp: 'generic_timeout_error' }));
    expect(verdict(tcp).evidence.join(' ')).toContain(
      `TCP connect to ${ADDR} failed with generic_timeout_error`,
    );
  });
});
