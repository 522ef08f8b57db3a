/** The iterative depth check: levels counted as containers, scalars and strings ignored, no recursion however deep. */
import { describe, expect, it } from 'vitest';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from './json-depth.js';

describe('jsonDepthExceeds', () => {
  it('counts containers, not scalars or the brackets inside strings', () => {
    expect(jsonDepthExceeds(1, 0)).toBe(false);
    expect(jsonDepthExceeds('[[[[', 0)).toBe(false);
    expect(jsonDepthExceeds([], 0)).toBe(true);
    expect(jsonDepthExceeds({ a: [1, { b: null }] }, 3)).toBe(false);
    expect(jsonDepthExceeds({ a: [1, { b: {} }] }, 3)).toBe(true);
    expect(jsonDepthExceeds(JSON.parse('{"__proto__":[[[]]]}'), 3)).toBe(true);
  });

  it('answers for nesting far beyond what a recursive walk survives', () => {
    const deep = JSON.parse(`${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`);
    expect(jsonDepthExceeds(deep)).toBe(true);
    const atBound = JSON.parse(`${'{"a":'.repeat(MAX_JSON_DEPTH)}1${'}'.repeat(MAX_JSON_DEPTH)}`);
    expect(jsonDepthExceeds(atBound)).toBe(false);
    expect(jsonDepthExceeds({ wrap: atBound })).toBe(true);
  });
});
