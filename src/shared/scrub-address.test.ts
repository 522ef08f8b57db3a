import { describe, expect, it } from 'vitest';
import { scrubAddress } from './scrub-address.js';

describe('scrubAddress', () => {
  it("removes the client's own address wherever it hides, and only that address", () => {
    const m = {
      test_keys: {
        requests: [
          { failure: 'unknown_failure: read from 198.51.100.7 failed', body: 'your ip is 198.51.100.7' },
        ],
        note: 'via 198.51.100.7.nip.io; other hosts 198.51.100.77 and 1198.51.100.7',
      },
    };
    const scrubbed = JSON.stringify(scrubAddress(m, '::ffff:198.51.100.7'));
    expect(scrubbed).toBe(
      JSON.stringify({
        test_keys: {
          requests: [
            { failure: 'unknown_failure: read from [scrubbed] failed', body: 'your ip is [scrubbed]' },
          ],
          note: 'via [scrubbed].nip.io; other hosts 198.51.100.77 and 1198.51.100.7',
        },
      }),
    );
  });

  it('scrubs an IPv6 address but not a longer one, and leaves loopback and non-addresses alone', () => {
    const v = { a: 'from 2001:db8::7 and 2001:db8::77', b: '127.0.0.1', c: 'x' };
    expect(scrubAddress(v, '2001:db8::7')).toEqual({ ...v, a: 'from [scrubbed] and 2001:db8::77' });
    expect(scrubAddress(v, '127.0.0.1')).toBe(v);
    expect(scrubAddress(v, 'not an ip')).toBe(v);
    expect(scrubAddress(v, null)).toBe(v);
  });
});
