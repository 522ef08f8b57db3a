import { describe, expect, it } from 'vitest';
import { bodyValue } from './http-step.js';

describe('the body as archived', () => {
  it('is text when it is valid UTF-8, Cyrillic included', () => {
    expect(bodyValue(Buffer.from('<title>Азаттык</title>', 'utf8'))).toBe('<title>Азаттык</title>');
    expect(bodyValue(Buffer.alloc(0))).toBe('');
  });

  it('is base64 when it is not UTF-8, or when a byte order mark would be lost in the text', () => {
    const latin1 = Buffer.from([0x3c, 0xe9, 0x3e]);
    expect(bodyValue(latin1)).toEqual({ format: 'base64', data: latin1.toString('base64') });
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('hi')]);
    expect(bodyValue(bom)).toEqual({ format: 'base64', data: bom.toString('base64') });
  });
});
