/** A record's content hash is the same whether it is computed from the line's text or from its bytes. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentHash } from './record-fields.js';

const sha = (input: string | Uint8Array) => createHash('sha256').update(input).digest('hex').slice(0, 32);

describe('contentHash', () => {
  it('hashes the UTF-8 of the text, from the bytes the line was read as when they are that', () => {
    const text = '{"body":"Доступ ограничен — 🛰"}';
    const bytes = Buffer.from(text);
    expect(contentHash(text, { text, bytes })).toBe(sha(text));
    expect(contentHash(text)).toBe(sha(text));
  });

  it('hashes the text when the bytes were not valid UTF-8 or are another text’s', () => {
    const bytes = Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]); // {"\xff"}
    const text = bytes.toString('utf8');
    expect(text).toBe('{"\uFFFD"}');
    expect(contentHash(text, { text, bytes })).toBe(sha(text));
    expect(contentHash(text, { text, bytes })).not.toBe(sha(bytes));
    expect(contentHash('{"a":1}', { text: '{"b":2}', bytes: Buffer.from('{"b":2}') })).toBe(sha('{"a":1}'));
  });
});
