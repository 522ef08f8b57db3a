/**
 * Blockpage text quoted on the site's own page confirms nothing (rules version 5), and since version 6 the body of
 * such a page is not scanned at all: real accessible pages with Roskomnadzor's blockpage link added stay `ok`, with
 * no body fingerprint listed, where OONI's fastpath would call them confirmed, while the same link on a page that is
 * not the control's still confirms.
 */
import { describe, expect, it } from 'vitest';
import { analyzeMeasurement } from '../src/analysis/analyze.js';
import type { Measurement } from '../src/model/measurement.js';
import { loadSamples } from './support/ooni-samples.js';

const QUOTE = '<a href="http://eais.rkn.gov.ru/">реестр</a>';
/** nginx's default page: OONI's fingerprint `cp.fp_x_fpru_nginx` of scope `fp` (a known false positive). */
const FALSE_POSITIVE = '<p><em>Thank you for using nginx.</em></p>';
const bodyFingerprints = (a: { fingerprints: { name: string; location: string }[] }) =>
  a.fingerprints.filter((f) => f.location === 'body').map((f) => f.name);

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

  it('leaves them ok without scanning their bodies', () => {
    for (const { id, m } of samePage) {
      // In place of the page's last characters, so that the shortest page stays within 5 % of the control's length.
      const a = analyzeMeasurement(
        withFinalBody(m, (body) => body.slice(0, -(FALSE_POSITIVE + QUOTE).length) + FALSE_POSITIVE + QUOTE),
      );
      expect({ id, outcome: a.outcome, confirmed: a.confirmed }).toEqual({
        id,
        outcome: 'ok',
        confirmed: false,
      });
      // Not even the false positives a scan would list (version 5 listed them and named the quoted text).
      expect({ id, body: bodyFingerprints(a) }).toEqual({ id, body: [] });
      expect((a.evidenceItems ?? []).some((e) => e.key === 'fingerprint_on_control_page')).toBe(false);
    }
  });

  it('still confirms the same text on a page that is not the control’s', () => {
    for (const { id, m } of samePage) {
      const a = analyzeMeasurement(
        withFinalBody(
          m,
          () =>
            `<html><head><title>Доступ ограничен</title></head><body>${FALSE_POSITIVE}${QUOTE}</body></html>`,
        ),
      );
      expect({ id, outcome: a.outcome, confirmed: a.confirmed }).toEqual({
        id,
        outcome: 'confirmed',
        confirmed: true,
      });
      // The body is scanned here: both texts are found.
      expect(bodyFingerprints(a)).toEqual(expect.arrayContaining(['ooni.ru_5', 'cp.fp_x_fpru_nginx']));
    }
  });
});
