/**
 * A country: its scores, history by scale, and the evidence of the shown edition (key developments, the timeline,
 * indicator sections, key internet controls with suggestions, surveys, recommendations), then its measurements.
 */
import { lazy, Suspense } from 'preact/compat';
import { api, feedUrl, reportUrl } from '../api/client.js';
import type { Assessment, Methodology } from '../api/types.js';
import { CountryMeasurements } from '../components/country-measurements.js';
import { CountryScores } from '../components/country-scores.js';
import { CountryTimeline } from '../components/evidence/country-timeline.js';
import { EditionEvidence } from '../components/evidence/edition-evidence.js';
import { KeyDevelopments } from '../components/evidence/key-developments.js';
import { Recommendations } from '../components/evidence/recommendations.js';
import { Surveys } from '../components/evidence/surveys.js';
import type { Coverage } from '../components/evidence/timeline-chart.js';
import { Await, Loading } from '../components/status.js';
import { useI18n } from '../i18n/i18n.js';
import { href, Link, type Location, navigate } from '../router.js';
import { useApi } from '../use-api.js';
import { useFeedLink } from '../use-feed-link.js';

const HistoryChart = lazy(() => import('../components/history-chart.js'));

export function CountryPage({ cc, loc }: { cc: string; loc: Location }) {
  const { t, country, lang } = useI18n();
  useFeedLink(feedUrl({ country: cc }), `netfreedom: ${cc}`);
  const data = useApi(() => Promise.all([api.country(cc), api.methodology(lang)]), `country-${cc}-${lang}`);
  const wanted = Number(loc.query.get('edition')) || null;
  const assessment = useApi(
    () => (wanted ? api.assessment(cc, wanted) : Promise.resolve(null)),
    `assessment-${cc}-${wanted}`,
  );
  return (
    <section>
      <h1>{country(cc)}</h1>
      <Await state={data}>
        {([c, methodology]) => {
          // A requested edition is awaited: showing the latest meanwhile would flash the wrong year's scores.
          // An edition the country lacks (an error) falls back to the latest.
          if (wanted && assessment.status === 'loading') return <Loading />;
          const a = (assessment.status === 'ok' && assessment.data) || c.latest;
          const coverage = coverageOf(a, methodology);
          return (
            <>
              <label>
                {t('map.edition')}{' '}
                <select
                  value={a.edition}
                  onChange={(e) =>
                    navigate(href(`/country/${cc}`, { edition: (e.target as HTMLSelectElement).value }), true)
                  }
                >
                  {[...c.history].reverse().map((p) => (
                    <option key={p.edition} value={p.edition}>
                      {p.edition}
                    </option>
                  ))}
                </select>
              </label>{' '}
              <Link href={href('/compare', { countries: cc, edition: a.edition })}>
                {t('country.compareWith')}
              </Link>
              <ReportLinks cc={cc} edition={a.edition} />
              <CountryScores a={a} methodology={methodology} />
              <h2>{t('country.history')}</h2>
              <Suspense fallback={<p class="muted">{t('common.loading')}</p>}>
                <HistoryChart history={c.history} editions={c.editions} />
              </Suspense>
              <KeyDevelopments cc={cc} edition={a.edition} methodology={methodology} />
              <CountryTimeline cc={cc} loc={loc} methodology={methodology} coverage={coverage} />
              <EditionEvidence cc={cc} a={a} methodology={methodology} coverage={coverage} />
              <Surveys cc={cc} />
              <Recommendations cc={cc} />
              <CountryMeasurements cc={cc} loc={loc} />
            </>
          );
        }}
      </Await>
    </section>
  );
}

/** The country report of the edition shown: read it (HTML), or download it as PDF, Markdown or its data. */
function ReportLinks({ cc, edition }: { cc: string; edition: number }) {
  const { t, lang } = useI18n();
  return (
    <p class="report-links" data-testid="report-links">
      <strong>{t('country.report')}:</strong>{' '}
      <a href={reportUrl(cc, edition, 'html', lang)} target="_blank" rel="noopener">
        {t('country.reportRead', { edition })}
      </a>{' '}
      ·{' '}
      <a class="report-download" href={reportUrl(cc, edition, 'pdf', lang)} download>
        <span class="datum">PDF</span>
      </a>{' '}
      <a class="report-download" href={reportUrl(cc, edition, 'md', lang)} download>
        <span class="datum">Markdown</span>
      </a>{' '}
      <a class="report-download" href={reportUrl(cc, edition, 'json', lang)}>
        {t('country.reportData')} (<span class="datum">JSON</span>)
      </a>{' '}
      ·{' '}
      <a href={feedUrl({ country: cc })} type="application/atom+xml">
        {t('country.feed')} (<span class="datum">Atom</span>)
      </a>
    </p>
  );
}

/** The shown edition's coverage period: the assessment's own, else the methodology's for that edition. */
function coverageOf(a: Assessment, methodology: Methodology): Coverage | null {
  if (a.coverage_start && a.coverage_end)
    return { edition: a.edition, start: a.coverage_start, end: a.coverage_end };
  const p = methodology.coverage_periods.find((x) => x.edition === a.edition);
  return p ? { edition: a.edition, start: p.start, end: p.end } : null;
}
