/** Hostile-data robustness: mutated real test keys must never make the rules throw. */
import { describe, expect, it } from 'vitest';
import { analyzeMeasurement, loadAnalysisContext } from '../src/analysis/analyze.js';
import { computeXVerdict } from '../src/analysis/tls/x-verdict.js';
import { computeClassicKeys } from '../src/analysis/web-connectivity/classic.js';
import type { Measurement, WebConnectivityTestKeys } from '../src/model/measurement.js';
import { loadSamples } from './support/ooni-samples.js';

function rng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

const JUNK: unknown[] = [
  null,
  undefined,
  0,
  -1,
  1e308,
  '',
  'x',
  '999.1.1.1',
  'unknown_failure: z',
  [],
  {},
  [null],
  { format: 'base64', data: '%%' },
  true,
];

/** Replaces `count` randomly chosen values (at any depth) of a deep copy with junk. */
function mutate(value: unknown, rand: () => number, count: number): unknown {
  const copy = structuredClone(value);
  for (let n = 0; n < count; n++) {
    let node = copy as Record<string, unknown>;
    for (let depth = 0; depth < 6; depth++) {
      const keys = node && typeof node === 'object' ? Object.keys(node) : [];
      if (keys.length === 0) break;
      const key = keys[Math.floor(rand() * keys.length)]!;
      const child = node[key];
      if (depth >= 1 && (rand() < 0.35 || !child || typeof child !== 'object')) {
        node[key] = JUNK[Math.floor(rand() * JUNK.length)];
        break;
      }
      node = child as Record<string, unknown>;
    }
  }
  return copy;
}

describe('rules on mutated real test keys', () => {
  // FUZZ_SEED=n explores other mutants; the default seed keeps CI deterministic.
  it('never throw from computeClassicKeys, computeXVerdict or the fingerprint pass (600 mutants)', () => {
    const rand = rng(Number(process.env.FUZZ_SEED ?? 7));
    const ctx = loadAnalysisContext();
    const wc = loadSamples().filter((s) => s.measurement.test_name === 'web_connectivity');
    let judged = 0;
    for (let i = 0; i < 600; i++) {
      const s = wc[i % wc.length]!;
      const tk = mutate(s.measurement.test_keys, rand, 1 + Math.floor(rand() * 4)) as WebConnectivityTestKeys;
      const classic = computeClassicKeys(tk, { input: s.measurement.input });
      const x = computeXVerdict(tk, classic, { interceptionCas: ctx.interceptionCas });
      expect(Array.isArray(x.evidence)).toBe(true);
      // The entry point's safety net must not be what keeps it alive.
      const a = analyzeMeasurement({ ...s.measurement, test_keys: tk } as unknown as Measurement, ctx);
      expect(a.evidence.join(' ')).not.toContain('Could not analyse');
      judged++;
    }
    expect(judged).toBe(600);
  });
});
