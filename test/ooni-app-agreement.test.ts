/**
 * Measured agreement of netfreedom's outcomes with OONI's for the messaging-app and circumvention tests (signal,
 * telegram, whatsapp, facebook_messenger, tor, vanilla_tor, torsf, psiphon, riseupvpn) over every real sample
 * bundled with a verdict: the backend's flags of the measurement_meta answers, and for the measurements of OONI's
 * fastpath unit tests the scores those tests assert (ooni/backend fastpath/fastpath/tests/test_unit.py).
 */
import { describe, expect, it } from 'vitest';
import { analyzeMeasurement } from '../src/analysis/analyze.js';
import type { Measurement } from '../src/model/measurement.js';
import type { Outcome } from '../src/model/verdict.js';
import { loadSamples } from './support/ooni-samples.js';

const APP_TESTS = new Set([
  'signal',
  'telegram',
  'whatsapp',
  'facebook_messenger',
  'tor',
  'vanilla_tor',
  'torsf',
  'psiphon',
  'riseupvpn',
]);

/**
 * The outcome each fastpath unit test asserts for its sample file (a score without `accuracy` and a
 * blocking_general of at most 0.5 is ok; accuracy 0 is a failure; blocking_general above 0.5 an anomaly).
 */
const FASTPATH_UNIT_TESTS: Record<string, { outcome: Outcome; test: string }> = {
  'signal_022.json': { outcome: 'ok', test: 'test_score_signal_2627 (second half)' },
  'signal_2627.json': { outcome: 'failure', test: 'test_score_signal_2627' },
  'signal_679.json': { outcome: 'failure', test: 'test_score_signal_679' },
  'telegram_nourl.json': { outcome: 'failure', test: 'test_score_measurement_telegram_nourl' },
  'whatsapp.json': { outcome: 'ok', test: 'test_score_whatsapp_failure' },
  'tor.json': { outcome: 'ok', test: 'test_score_tor' },
  'tor_list.json': { outcome: 'failure', test: 'test_score_tor_list' },
  'riseupvpn.json': { outcome: 'ok', test: 'test_score_riseupvpn (an empty score)' },
  'torsf_1.json': { outcome: 'anomaly', test: 'test_score_torsf' },
  'torsf_2.json': { outcome: 'ok', test: 'test_score_torsf2' },
  'torsf_383.json': { outcome: 'failure', test: 'test_score_torsf383' },
  'vanilla_tor.json': { outcome: 'anomaly', test: 'test_score_vanilla_tor (blocking_general 0.98)' },
  'vanilla_tor_ok.json': { outcome: 'ok', test: 'test_score_vanilla_tor_ok' },
};

function backendOutcome(b: { anomaly: boolean; confirmed: boolean; failure: boolean }): Outcome {
  if (b.failure) return 'failure';
  if (b.confirmed) return 'confirmed';
  if (b.anomaly) return 'anomaly';
  return 'ok';
}

describe("agreement with OONI's outcomes for the app and circumvention tests (real samples)", () => {
  const samples = loadSamples().filter((s) => APP_TESTS.has(String(s.measurement.test_name)));
  const judged = samples
    .map((s) => {
      const file = s.row.file.split('/').at(-1)!;
      const theirs = s.backend ? backendOutcome(s.backend) : FASTPATH_UNIT_TESTS[file]?.outcome;
      const analysis = analyzeMeasurement(s.measurement as unknown as Measurement);
      return { s, file, theirs, analysis, ours: analysis.outcome };
    })
    .filter((j) => j.theirs !== undefined);

  it('has a verdict of OONI for every bundled sample of those tests (25 real measurements)', () => {
    expect(judged.length).toBe(samples.length);
    expect(judged.length).toBe(25);
    expect(judged.filter((j) => j.s.backend).length).toBe(12);
  });

  it('agrees on every one, test by test', () => {
    const byTest: Record<string, { agree: number; total: number }> = {};
    const disagreements: string[] = [];
    for (const j of judged) {
      const t = byTest[j.s.measurement.test_name] ?? { agree: 0, total: 0 };
      byTest[j.s.measurement.test_name] = t;
      t.total += 1;
      if (j.ours === j.theirs) t.agree += 1;
      else disagreements.push(`${j.s.id} (${j.file}): ours ${j.ours}, OONI ${j.theirs}`);
    }
    const agree = judged.length - disagreements.length;
    console.log(
      `app and circumvention outcomes: ${agree}/${judged.length} agree with OONI (${((agree / judged.length) * 100).toFixed(1)}%): ` +
        Object.entries(byTest)
          .map(([test, t]) => `${test} ${t.agree}/${t.total}`)
          .join(', '),
    );
    for (const d of disagreements) console.log(`  ${d}`);
    expect(disagreements).toEqual([]);
  });

  it('never fails to read one (a certificate with an empty subject included), and names a technique for every anomaly of the tests it names them for', () => {
    for (const j of judged) {
      expect(j.analysis.evidence.join(' '), j.file).not.toContain('Could not analyse');
      const named = ['signal', 'telegram', 'whatsapp', 'facebook_messenger', 'tor'].includes(
        j.s.measurement.test_name,
      );
      if (named && j.ours === 'anomaly') expect(j.analysis.technique, j.file).not.toBeNull();
    }
    const ru = judged.find((j) => j.s.id === '20230121235805.670038_RU_tor_e8fd37f3f4f1085f')!;
    expect(ru.analysis.technique).toBe('tcp_ip');
    expect(ru.analysis.evidence[0]).toContain('TCP connect to');
  });
});
