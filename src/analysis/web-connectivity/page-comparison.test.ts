import { describe, expect, it } from 'vitest';
import { loadInterceptionCas } from '../tls/interception-cas.js';
import { computeXVerdict } from '../tls/x-verdict.js';
import { computeClassicKeys } from './classic.js';
import { identifyingHeadersMatch, pageDiffersFromControl } from './page-comparison.js';
import { IP, okControl, PAGE, WcBuilder } from './test-keys-builder.js';

const cas = loadInterceptionCas();
const FRAMING = { Connection: 'keep-alive', 'Keep-Alive': 'timeout=5', 'Content-Length': '80', Date: 'x' };
const CONTROL_HEADERS = { ...FRAMING, 'Content-Type': 'text/html', 'X-Site-Id': 'abc' };
const PROXY_PAGE = '<html><head><title>Notice</title></head><body>not here</body></html>';
const bigPage = PAGE.replace('hello world', 'hello world '.repeat(40));

/** A cleartext fetch of http://example.org/ answered with `body` and `headers`. */
function cleartext(body: string, headers: Record<string, string>, controlBody = bigPage) {
  const b = new WcBuilder('http://example.org/').dns([IP]).endpoint(IP, 80, {
    http: { code: 200, body, headers },
  });
  okControl(b, {
    http_request: {
      body_length: Buffer.byteLength(controlBody),
      failure: null,
      title: 'Example Domain for documentation',
      headers: CONTROL_HEADERS,
      status_code: 200,
    },
  });
  return b;
}

describe('the page comparison beyond the classic keys', () => {
  it('identifying headers leave out the common, hop-by-hop and framing ones', () => {
    expect(identifyingHeadersMatch(['Connection', 'Content-Length', 'Date'], CONTROL_HEADERS)).toBe(false);
    expect(identifyingHeadersMatch(['transfer-encoding', 'keep-alive'], { 'Transfer-Encoding': 'x' })).toBe(
      false,
    );
    expect(identifyingHeadersMatch(['x-site-id'], CONTROL_HEADERS)).toBe(true);
  });

  it('a proxy page a twentieth of the size with another title: OONI says accessible, the technique http-diff', () => {
    const b = cleartext(PROXY_PAGE, FRAMING);
    const classic = computeClassicKeys(b.tk);
    // OONI's keys as OONI computes them: the framing headers count as uncommon headers in common.
    expect(classic).toMatchObject({
      blocking: false,
      accessible: true,
      status_code_match: true,
      headers_match: true,
      body_length_match: false,
      title_match: false,
    });
    const evidence = pageDiffersFromControl(b.tk, classic);
    expect(evidence?.key).toBe('http_diff');
    expect(evidence?.values.headers_match).toBe(false);
    const x = computeXVerdict(b.tk, classic, { interceptionCas: cas });
    expect(x.blocking).toBe('http-diff');
    expect(x.accessible).toBe(false);
    expect(x.evidence[0]).toContain('uncommon headers in common no, title match no');
  });

  it('the site itself (same title and length) stays accessible, framing headers or not', () => {
    const b = cleartext(bigPage, FRAMING);
    const classic = computeClassicKeys(b.tk);
    expect(pageDiffersFromControl(b.tk, classic)).toBeNull();
    expect(computeXVerdict(b.tk, classic, { interceptionCas: cas }).blocking).toBe(false);
  });

  it('a page sharing a header that identifies the site, with a matching title, stays accessible', () => {
    const b = cleartext(PAGE, { ...FRAMING, 'X-Site-Id': 'abc' });
    const classic = computeClassicKeys(b.tk);
    expect(classic.body_length_match).toBe(false);
    expect(classic.title_match).toBe(true);
    expect(pageDiffersFromControl(b.tk, classic)).toBeNull();
  });

  it('over verified HTTPS the site answered: the comparison does not apply', () => {
    const b = new WcBuilder('https://example.org/').dns([IP]).endpoint(IP, 443, {
      tls: null,
      http: { code: 200, body: PROXY_PAGE, headers: FRAMING },
    });
    okControl(b);
    const classic = computeClassicKeys(b.tk);
    expect(classic.accessible).toBe(true);
    expect(pageDiffersFromControl(b.tk, classic)).toBeNull();
  });
});
