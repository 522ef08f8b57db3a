import { describe, expect, it } from 'vitest';
import {
  computeHttpDiff,
  headersMatch,
  isHttpDiff,
  legacyStatusCodeMatch,
  statusCodeMatch,
  titleMatch,
} from './http-diff.js';
import type { HttpResponseInfo } from './observations.js';

function probe(over: Partial<HttpResponseInfo> = {}): HttpResponseInfo {
  return {
    statusCode: 200,
    bodyLength: 1000,
    bodyIsTruncated: false,
    headerKeys: new Set(['server']),
    title: '',
    isFinal: true,
    ...over,
  };
}
const th = (over: Record<string, unknown> = {}) => ({
  body_length: 1000,
  failure: null,
  title: '',
  headers: {},
  status_code: 200,
  ...over,
});

describe('HTTP diff keys', () => {
  it('body proportion is min/max and matches strictly above 0.7', () => {
    expect(computeHttpDiff(probe({ bodyLength: 700 }), th())).toMatchObject({
      body_proportion: 0.7,
      body_length_match: false,
    });
    expect(computeHttpDiff(probe({ bodyLength: 1300 }), th())).toMatchObject({ body_length_match: true });
  });

  it('body proportion is not computed for truncated or empty bodies', () => {
    expect(computeHttpDiff(probe({ bodyIsTruncated: true }), th())).toMatchObject({
      body_proportion: 0,
      body_length_match: null,
    });
    expect(computeHttpDiff(probe({ bodyLength: 0 }), th())).toMatchObject({ body_length_match: null });
    expect(computeHttpDiff(probe(), th({ body_length: 0 }))).toMatchObject({ body_length_match: null });
  });

  it('status codes: v0.5 ignores differences unless the control saw 2xx; v0.4 unless it saw 5xx', () => {
    expect(statusCodeMatch(200, 200)).toBe(true);
    expect(statusCodeMatch(403, 200)).toBe(false);
    expect(statusCodeMatch(403, 301)).toBeNull();
    expect(statusCodeMatch(-1, 200)).toBeNull();
    expect(legacyStatusCodeMatch(403, 301)).toBe(false);
    expect(legacyStatusCodeMatch(403, 503)).toBeNull();
  });

  it('headers match only on a shared uncommon header name (case-insensitive)', () => {
    expect(headersMatch(new Set(['server', 'date', 'x-request-id']), { 'X-Request-Id': '1' })).toBe(true);
    expect(headersMatch(new Set(['server', 'date', 'content-type']), { Server: 'a', Date: 'b' })).toBe(false);
  });

  it('titles match when no word of 5+ bytes is in only one of them', () => {
    expect(titleMatch('Example Domain', 'example domain')).toBe(true);
    expect(titleMatch('Example Domain', 'Example Blocked')).toBe(false);
    expect(titleMatch('a bc de', 'x y z')).toBe(true);
    expect(titleMatch('', '')).toBe(true);
    expect(titleMatch('', 'Welcome')).toBe(false);
    // 4 Cyrillic letters are 8 bytes: a long word for OONI's Go code, which counts bytes.
    expect(titleMatch('Сайт', '')).toBe(false);
  });

  it('no control status code means no comparison at all', () => {
    expect(computeHttpDiff(probe(), th({ status_code: -1 }))).toEqual({
      body_proportion: 0,
      body_length_match: null,
      status_code_match: null,
      headers_match: null,
      title_match: null,
    });
  });

  it('decides: same code plus one of body/headers/title means no diff', () => {
    const base = {
      body_proportion: 1,
      body_length_match: false,
      status_code_match: true,
      headers_match: false,
      title_match: false,
    };
    expect(isHttpDiff(base)).toBe(true);
    expect(isHttpDiff({ ...base, title_match: true })).toBe(false);
    expect(isHttpDiff({ ...base, status_code_match: null, body_length_match: true })).toBe(true);
  });
});
