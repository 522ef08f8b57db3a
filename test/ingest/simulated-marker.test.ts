/** The marker that tells simulated measurements from real ones, checked against INDEX.csv's own `origin` column. */
import { describe, expect, it } from 'vitest';
import { simulatedMarker } from '../../src/ingest/simulated-marker.js';
import { loadSamples } from '../support/ooni-samples.js';

describe('simulated marker', () => {
  const samples = loadSamples().filter((s) => s.row.record_kind !== 'test_keys_only');

  it("recognises exactly the records INDEX.csv calls synthetic-qa (OONI's netem runs), from their content", () => {
    expect(samples.length).toBeGreaterThan(100);
    const wrong = samples
      .filter(
        (s) => (simulatedMarker(s.measurement) === 'ooni-netem-qa') !== (s.row.origin === 'synthetic-qa'),
      )
      .map((s) => `${s.row.origin} ${s.id}`);
    expect(wrong).toEqual([]);
    expect(samples.filter((s) => s.row.origin === 'synthetic-qa')).toHaveLength(50);
  });

  it('leaves every real sample alone, even the ones never submitted to OONI (empty report_id)', () => {
    const unsubmitted = samples.filter(
      (s) => s.row.origin !== 'synthetic-qa' && s.measurement.report_id === '',
    );
    expect(unsubmitted.length).toBeGreaterThan(0);
    for (const s of unsubmitted) expect(simulatedMarker(s.measurement), s.id).toBeNull();
  });

  it("honours netfreedom's own annotation", () => {
    expect(simulatedMarker({ annotations: { simulated: 'true' } })).toBe('annotation');
    expect(simulatedMarker({ annotations: { simulated: 'false' } })).toBeNull();
    expect(simulatedMarker(null)).toBeNull();
  });
});
