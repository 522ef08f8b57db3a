import { describe, expect, it } from 'vitest';
import { LiteralIndex } from './literal-index.js';
import { PatternSet } from './pattern-set.js';
import { compilePattern } from './text-pattern.js';

/** A small deterministic generator, so failures reproduce. */
function rng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

describe('LiteralIndex (Aho–Corasick)', () => {
  it('finds exactly the literals String.includes finds, overlapping and nested ones included', () => {
    const rand = rng(42);
    const word = (n: number) => Array.from({ length: n }, () => 'abcй'[Math.floor(rand() * 4)]).join('');
    for (let round = 0; round < 50; round++) {
      const literals = [...new Set(Array.from({ length: 30 }, () => word(1 + Math.floor(rand() * 5))))];
      const index = new LiteralIndex();
      const ids = literals.map((l) => index.add(l));
      index.build();
      const text = word(200);
      const found = index.scan(text);
      for (const [i, l] of literals.entries()) {
        expect(found.has(ids[i]!), `${l} in ${text}`).toBe(text.includes(l));
      }
    }
  });

  it('finds the same in a long text walked as two halves, literals across the middle and at the ends included', () => {
    const rand = rng(7);
    const word = (n: number) => Array.from({ length: n }, () => 'abcй'[Math.floor(rand() * 4)]).join('');
    for (let round = 0; round < 40; round++) {
      const literals = [
        ...new Set([
          ...Array.from({ length: 20 }, () => word(1 + Math.floor(rand() * 5))),
          ...Array.from({ length: 8 }, () => word(40 + Math.floor(rand() * 400))),
        ]),
      ];
      const index = new LiteralIndex();
      const ids = literals.map((l) => index.add(l));
      index.build();
      const long = literals.filter((l) => l.length >= 40).sort((x, y) => y.length - x.length);
      const length = 5000 + Math.floor(rand() * 3000);
      const mid = length >> 1;
      // Each text carries one long literal: the longest starting just before the middle (the first half must run
      // on past it by its length less one), one ending just past the middle, one starting at it, one at each end.
      const placed: [string, number][] = [
        [long[0]!, mid - 1],
        [long[1]!, mid - long[1]!.length + 1 + Math.floor(rand() * 3)],
        [long[2]!, mid],
        [long[3]!, length - long[3]!.length],
        [long[4]!, 0],
      ];
      for (const [literal, at] of placed) {
        const chars = [...word(length)];
        chars.splice(at, literal.length, ...literal);
        const text = chars.join('');
        const found = index.scan(text);
        for (const [i, l] of literals.entries()) {
          expect(found.has(ids[i]!), `${l} in text ${round}`).toBe(text.includes(l));
        }
      }
    }
  });

  it('gives one id per distinct literal and refuses additions after build', () => {
    const index = new LiteralIndex();
    expect(index.add('abc')).toBe(index.add('abc'));
    index.build();
    expect(() => index.add('x')).toThrow();
  });
});

describe('PatternSet', () => {
  it('agrees with testing every pattern one by one', () => {
    const patterns = [
      compilePattern('contains', 'blocked')!,
      compilePattern('prefix', '<html')!,
      compilePattern('full', 'exact')!,
      compilePattern('regexp', 'access.*denied')!,
      compilePattern('regexp', '(foo|bar)baz')!,
      compilePattern('regexp', 'www\\.example\\.kz')!,
    ];
    const set = new PatternSet(patterns.map((pattern, i) => ({ pattern, value: i })));
    const texts = [
      '<html>blocked</html>',
      'exact',
      'access is denied',
      'barbaz',
      'see www.example.kz',
      'nothing',
      '',
    ];
    for (const t of texts) {
      expect(set.match(t)).toEqual(patterns.flatMap((p, i) => (p.test(t) ? [i] : [])));
    }
  });
});
