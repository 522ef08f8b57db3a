/** A country: total, status, A/B/C against maxima, indicators, history by scale, key controls, sources, evidence. */
import { lazy, Suspense } from 'preact/compat';
import { api } from '../api/client.js';
import type { Assessment, Methodology } from '../api/types.js';
import { CountryMeasurements } from '../components/country-measurements.js';
import { Await, Loading, Sources, StatusBadge, VerificationMark } from '../components/status.js';
import { TableHead } from '../components/table-head.js';
import { useI18n } from '../i18n/i18n.js';
import { href, Link, type Location, navigate } from '../router.js';
import { useApi } from '../use-api.js';

const HistoryChart = lazy(() => import('../components/history-chart.js'));

export function CountryPage({ cc, loc }: { cc: string; loc: Location }) {
  const { t, country, lang } = useI18n();
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
              <Scores a={a} methodology={methodology} />
              <h2>{t('country.history')}</h2>
              <Suspense fallback={<p class="muted">{t('common.loading')}</p>}>
                <HistoryChart history={c.history} editions={c.editions} />
              </Suspense>
              <Controls a={a} methodology={methodology} />
              <CountryMeasurements cc={cc} loc={loc} />
            </>
          );
        }}
      </Await>
    </section>
  );
}

function Scores({ a, methodology }: { a: Assessment; methodology: Methodology }) {
  const { t, num, date } = useI18n();
  const known = a.questions.filter((q) => q.score !== null);
  return (
    <>
      <div class="score-header">
        <div class="score-total" data-testid="total">
          <span class="label">{t('country.total')}</span>
          <span class="value">{num(a.total)}</span>
          <span class="muted">
            {t('country.outOf', { score: '', max: methodology.max_total }).trim()} · {t(`scale.${a.scale}`)}
          </span>{' '}
          <VerificationMark verification={a.total_verification} />
        </div>
        <div>
          <span class="label">{t('country.status')}</span> <StatusBadge status={a.status} />
        </div>
        <div class="muted">
          {t('country.edition', { edition: a.edition })}
          {a.coverage_start
            ? ` · ${t('country.coverage', { start: date(a.coverage_start), end: date(a.coverage_end) })}`
            : ''}
          {a.restated_in_edition
            ? ` · ${t('figure.restated', { edition: a.edition, restated: a.restated_in_edition })}`
            : ''}
        </div>
      </div>
      <Sources sources={a.total_sources} />
      <h2>{t('country.categories')}</h2>
      <div class="categories">
        {methodology.categories.map((cat) => {
          const score = a.categories.find((c) => c.category_id === cat.id)?.score ?? null;
          return (
            <div key={cat.id} class="category">
              <div>
                <strong>{cat.id}</strong> {cat.name}
              </div>
              {/* An unknown score draws no meter: an empty one would read as 0. */}
              {score !== null && (
                <meter
                  min={0}
                  max={cat.max_points}
                  value={score}
                  aria-label={`${cat.id}: ${score} / ${cat.max_points}`}
                />
              )}
              <div>{t('country.outOf', { score: num(score), max: cat.max_points })}</div>
            </div>
          );
        })}
      </div>
      <Sources sources={a.category_sources.filter((s) => !a.total_sources.some((x) => x.url === s.url))} />
      <h2>{t('country.indicators')}</h2>
      {known.length === 0 ? (
        <p class="muted">{t('country.indicatorsUnknown')}</p>
      ) : (
        <table class="data">
          <TableHead columns={['methodology.question', 'methodology.points', 'common.sources']} />
          <tbody>
            {methodology.categories.flatMap((cat) =>
              cat.questions.map((q) => {
                const s = a.questions.find((x) => x.question_id === q.id);
                return (
                  <tr key={q.id}>
                    <td>
                      <strong>{q.id}</strong> {q.text}
                    </td>
                    <td>{t('country.outOf', { score: num(s?.score ?? null), max: q.max_points })}</td>
                    <td>{s ? <Sources sources={s.sources} /> : null}</td>
                  </tr>
                );
              }),
            )}
          </tbody>
        </table>
      )}
    </>
  );
}

function Controls({ a, methodology }: { a: Assessment; methodology: Methodology }) {
  const { t } = useI18n();
  return (
    <>
      <h2>{t('country.controls')}</h2>
      <ul class="controls">
        {methodology.key_internet_controls.map((k) => {
          const answer = a.key_controls.find((x) => x.control_id === k.id);
          const value = answer?.answer ?? 'unknown';
          return (
            <li key={k.id} class={`control control-${value}`}>
              <span class="badge">
                {t(value === 'unknown' ? 'common.unknown' : value === 'yes' ? 'common.yes' : 'common.no')}
              </span>{' '}
              {k.label}
              {/* The analyst's own words, in the language they wrote them. */}
              {answer?.evidence ? (
                <span class="muted">
                  {' '}
                  — <q class="datum">{answer.evidence}</q>
                </span>
              ) : null}
              {answer ? <Sources sources={answer.sources} /> : null}
            </li>
          );
        })}
      </ul>
    </>
  );
}
