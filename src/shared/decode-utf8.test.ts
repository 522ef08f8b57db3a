import { serialize } from 'node:v8';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileUtf8Decoder } from '../../scripts/build-utf8-decoder.js';
import { decodeUtf8, utf8DecoderRuns, WASM_MAX_BYTES } from './decode-utf8.js';
import { UTF8_DECODER_WASM } from './utf8-decoder-wasm.js';

/**
 * The same text as Node's decoder gives, as compact: V8's serializer writes a one-byte string with one tag and a
 * two-byte string with another.
 */
function same(bytes: Uint8Array): void {
  const node = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const ours = decodeUtf8(bytes);
  expect(ours).toBe(node);
  expect(serialize(ours).equals(serialize(node))).toBe(true);
}

describe('decodeUtf8', () => {
  it('runs the WebAssembly module on this Node, and the committed module is the .wat compiled', async () => {
    expect(utf8DecoderRuns()).toBe(true);
    expect(Buffer.from(await compileUtf8Decoder()).toString('base64')).toBe(UTF8_DECODER_WASM);
  });

  it('decodes every width of character, at the edges of each range', () => {
    const edges = [0x7f, 0x80, 0x7ff, 0x800, 0xd7ff, 0xe000, 0xfffd, 0xffff, 0x10000, 0x10ffff];
    const text = `${edges.map((c) => String.fromCodePoint(c)).join('')}Привет, мир! 😀 Қазақстан`;
    expect(decodeUtf8(Buffer.from(text))).toBe(text);
  });

  it('makes one-byte strings of text within Latin-1, as V8 does, and two-byte ones of any other', () => {
    for (const text of [
      'café © «ñ»',
      `${'x'.repeat(40)}é${'y'.repeat(33)}ÿ`,
      'café ’',
      'Ā',
      'Қазақстан',
      '😀',
    ])
      same(Buffer.from(text));
    // The check can fail: the same text held two bytes a character serializes otherwise.
    const latin = 'café café café';
    const twoByte = `\u0100${latin}`.slice(1);
    expect(twoByte).toBe(latin);
    expect(serialize(twoByte).equals(serialize(latin))).toBe(false);
  });

  it('decodes ASCII runs of every length around the sixteen bytes it takes at once', () => {
    for (let run = 0; run <= 40; run++) {
      for (const wide of ['é', 'ж', '€', '😀'])
        same(Buffer.from(`${'a'.repeat(run)}${wide}${'b'.repeat(run % 17)}${wide}`));
    }
  });

  it('decodes bad sequences exactly as Node does (U+FFFD by the WHATWG rules)', () => {
    const bad = [
      [0xc0, 0x80], // overlong
      [0xe0, 0x80, 0x80], // overlong
      [0xed, 0xa0, 0x80], // a surrogate
      [0xf4, 0x90, 0x80, 0x80], // beyond U+10FFFF
      [0xf8, 0x88, 0x80, 0x80, 0x80],
      [0xff],
      [0x80], // a continuation alone
      [0xd0], // cut short by the end
      [0xe2, 0x82], // cut short by the end
      [0xf0, 0x9f, 0x98], // cut short by the end
      [0xd0, 0x41], // cut short by ASCII
    ];
    for (const seq of bad) {
      same(Buffer.from([...Buffer.from('ab жы'), ...seq]));
      same(Buffer.from([...seq, ...Buffer.from('ж'.repeat(20))]));
    }
  });

  it('decodes views at any offset, plain Uint8Arrays, and lines that grow its memory or pass its limit', () => {
    const text = `{"body":"${'Блокировка по решению суда. '.repeat(40_000)}"}`;
    const bytes = Buffer.from(`xx${text}yy`);
    expect(decodeUtf8(bytes.subarray(2, bytes.length - 2))).toBe(text);
    expect(decodeUtf8(new Uint8Array(bytes.buffer, bytes.byteOffset + 2, bytes.length - 4))).toBe(text);
    const huge = Buffer.from('я'.repeat(WASM_MAX_BYTES / 2 + 1));
    expect(decodeUtf8(huge)).toBe(huge.toString('utf8'));
    expect(decodeUtf8(Buffer.from('ж'))).toBe('ж'); // after the big ones, a small one reads only its own bytes
    expect(decodeUtf8(Buffer.alloc(0))).toBe('');
  });

  it('agrees with Node on any bytes and returns any string it was given', () => {
    const utf8ish = fc.oneof(
      fc.integer({ min: 0, max: 0x7f }),
      fc.integer({ min: 0x80, max: 0xbf }),
      fc.integer({ min: 0xc0, max: 0xff }),
    );
    fc.assert(
      fc.property(fc.array(utf8ish, { maxLength: 80 }), (list) => {
        same(Buffer.from(list));
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => {
        same(Buffer.from(text));
      }),
      { numRuns: 3000 },
    );
  });
});
