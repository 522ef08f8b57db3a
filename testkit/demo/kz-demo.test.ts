/** The bundled demo set: what it claims (documentation AS, no generic domain, all simulated), and that regenerating it gives it back. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeMeasurement } from '../../src/analysis/analyze.js';
import { simulatedMarker } from '../../src/ingest/simulated-marker.js';
import type { WebConnectivityMeasurement } from '../../src/model/measurement.js';
import { dataPath } from '../../src/shared/paths.js';
import { loadCategoryLookup } from '../../src/test-lists/category-lookup.js';
import { DEMO_NETWORK, DEMO_SCENARIOS, generateKzDemo } from './kz-demo.js';
import { maskMeasuredValues } from './measured-values.js';

const FILE = dataPath('demo', 'kz-simulated.jsonl');
const text = readFileSync(FILE, 'utf8');
const bundled = text
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as WebConnectivityMeasurement);

describe('the bundled Kazakhstan demo set', () => {
  it('is one simulated record per demo scenario, each marked simulated by its own content', () => {
    expect(bundled.map((m) => m.annotations?.scenario)).toEqual(DEMO_SCENARIOS.map((s) => s.name));
    for (const m of bundled) {
      expect(m.annotations?.simulated).toBe('true');
      expect(simulatedMarker(m)).toBe('annotation');
    }
  });

  it("claims only RFC 5398's documentation AS, named as such, and never a real network", () => {
    for (const m of bundled) {
      expect([m.probe_asn, m.probe_network_name]).toEqual([DEMO_NETWORK.asn, 'documentation AS (RFC 5398)']);
      expect(m.report_id).toMatch(/_KZ_64496_/);
    }
    expect(Number(DEMO_NETWORK.asn.slice(2))).toBeGreaterThanOrEqual(64496);
    expect(Number(DEMO_NETWORK.asn.slice(2))).toBeLessThanOrEqual(64511);
    expect(text).not.toMatch(/AS9198|Kazakhtelecom/);
  });

  it('measures test-list URLs for the Kazakh techniques and fictitious .test sites for the rest, never a generic example domain', async () => {
    const categoryOf = await loadCategoryLookup();
    for (const m of bundled) {
      const host = new URL(m.input!).hostname;
      expect(host, m.input!).not.toMatch(/(^|\.)example\.(com|org|net|xyz)$/);
      if (m.annotations?.scenario?.startsWith('kz'))
        expect(categoryOf(m.input!, 'KZ'), m.input!).not.toBeNull();
      else expect(host).toMatch(/\.demo\.test$/);
    }
  });

  it("is judged by the analysis as each scenario expects, with netfreedom's TLS confirmation where it applies", () => {
    for (const [i, m] of bundled.entries()) {
      const s = DEMO_SCENARIOS[i]!;
      const a = analyzeMeasurement(m);
      expect(a.technique, s.name).toBe(s.expect.xBlocking);
      expect(a.tlsConfirmed, s.name).toBe(Boolean(s.expect.sniConfirmed || s.expect.knownCa));
    }
  });

  it('comes back the same from a new run, but for what a run measures afresh (clock, timings, keys, DNS ids)', async () => {
    const again = await generateKzDemo();
    expect(again.map((m) => maskMeasuredValues(m))).toEqual(bundled.map((m) => maskMeasuredValues(m)));
  }, 120_000);
});
