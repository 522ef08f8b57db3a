/**
 * Blockpage text quoted on the site's own page confirms nothing (rules version 5): real accessible pages with
 * Roskomnadzor's blockpage link added stay `ok`, where OONI's fastpath would call them confirmed, while the
 * same link on a page that is not the control's still confirms.
 */
import { describe, expect, it } from 'vitest';
import { analyzeMeasurement } from '../src/analysis/analyze.js';
import type { Measurement } from '../src/model/measurement.js';
import { loadSamples } from './support/ooni-samples.js';

const QUOTE = '<a href="http://eais.rkn.gov.ru/">реестр</a>';

interface Page {
  response?: { body?: unknown; code?: number };
}

/** The sample as a Russian measurement whose final page is `edit`ed. */
function withFinalBody(m: Measurement, edit: (body: string) => string): Measurement {
  const copy = structuredClone(m) as Measurement<{ requests: Page[] }>;
  const final = copy.test_keys.requests.find((r) => typeof r?.response?.body === 'string')!;
  final.response!.body = edit(final.response!.body as string);
  return { ...copy, probe_cc: 'RU' } as Measurement;
}

describe('blockpage text on the control’s own page', () => {
  // Real accessible pages that are the control's to within 5 % (three Italian pages and OONI's spec example).
  const samePage = loadSamples()
    .filter((s) => s.row.origin.startsWith('real') && s.measurement.test_name === 'web_connectivity')
    .map((s) => ({ id: s.id, m: s.measurement as unknown as Measurement }))
    .filter(({ m }) => {
      const tk = m.test_keys as {
        requests?: Page[];
        control?: { http_request?: { body_length?: number } };
      };
      const body = tk?.requests?.find((r) => typeof r?.response?.body === 'string')?.response?.body as string;
      const control = tk?.control?.http_request?.body_length ?? -1;
      const proportion = body ? Math.min(body.length, control) / Math.max(body.length, control) : 0;
      return analyzeMeasurement(m).outcome === 'ok' && proportion >= 0.96;
    });

  it('finds real accessible pages to try it on', () => {
    expect(samePage.length).toBeGreaterThanOrEqual(3);
  });

  it('leaves them ok and says why the fingerprint confirms nothing', () => {
    for (const { id, m } of samePage) {
      const a = analyzeMeasurement(withFinalBody(m, (body) => body + QUOTE));
      expect({ id, outcome: a.outcome, confirmed: a.confirmed }).toEqual({
        id,
        outcome: 'ok',
        confirmed: false,
      });
      expect(a.fingerprints.filter((f) => f.location === 'body' && !f.falsePositive)).toEqual([]);
      const quoted = (a.evidenceItems ?? []).find((e) => e.key === 'fingerprint_on_control_page');
      expect(quoted?.values.fingerprint).toMatch(/ooni\.ru_5/);
    }
  });

  it('still confirms the same text on a page that is not the control’s', () => {
    for (const { id, m } of samePage) {
      const a = analyzeMeasurement(
        withFinalBody(
          m,
          () => `<html><head><title>Доступ ограничен</title></head><body>${QUOTE}</body></html>`,
        ),
      );
      expect({ id, outcome: a.outcome, confirmed: a.confirmed }).toEqual({
        id,
        outcome: 'confirmed',
        confirmed: true,
      });
      expect((a.evidenceItems ?? []).some((e) => e.key === 'fingerprint_on_control_page')).toBe(false);
    }
  });
});
