import { describe, expect, it } from 'vitest';
import { RUTOR } from './sample-records.js';
import { bodyText, readTestKeys } from './test-keys.js';

describe('reading a record’s test keys', () => {
  it('decodes a body in the charset its page declares: the Russian blockpage of 2020 in windows-1251', () => {
    const blockpage = readTestKeys(RUTOR).requests.find((r) => r.url === 'http://89.223.47.135/index.html')!;
    const text = bodyText(blockpage.body, blockpage.contentType);
    expect(text).toContain('Сайт\r\nзаблокирован.');
    expect(text).toContain('МИНИСТЕРСТВО');
  });

  it('takes the charset of the Content-Type header first, and UTF-8 when none is known', () => {
    const bytes = btoa(String.fromCharCode(0xd1, 0xe0, 0xe9, 0xf2)); // "Сайт" in windows-1251
    expect(bodyText({ format: 'base64', data: bytes }, 'text/html; charset=windows-1251')).toBe('Сайт');
    expect(bodyText({ format: 'base64', data: btoa('<p>ok</p>') }, 'text/html; charset=no-such')).toBe(
      '<p>ok</p>',
    );
    expect(bodyText('already text', null)).toBe('already text');
    expect(bodyText({ format: 'base64', data: '%%%' }, null)).toBe('');
  });

  it('leaves out what is not of the expected type, as hostile data may be anything', () => {
    const keys = readTestKeys({
      test_keys: {
        queries: 'not a list',
        tcp_connect: [null, 7, { ip: 5, port: '80', status: { failure: ['x'] } }],
        requests: [
          { request: { url: 'http://x.test/' }, response: { code: '200', headers_list: [['Location', 9]] } },
        ],
        x_tls: { sni: [{ address: '1.2.3.4:443', neutral_handshake_time: 'fast' }] },
      },
    });
    expect(keys.queries).toEqual([]);
    expect(keys.tcp).toEqual([{ ip: '', port: 0, failure: null, t0: undefined, t: undefined }]);
    expect(keys.requests[0]).toMatchObject({ url: 'http://x.test/', status: null, location: null });
    expect(keys.sniRetries[0]).toMatchObject({ address: '1.2.3.4:443', neutralHandshakeTime: null });
    expect(readTestKeys(null).requests).toEqual([]);
  });
});
