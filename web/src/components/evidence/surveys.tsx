/**
 * A country's surveys: per question a bar chart of the shares with their 95 % intervals as error bars, the sample
 * size, fieldwork dates, method and population (each "not given" when the source does not say), and the sources. A
 * question without a sample size is drawn without error bars and says why.
 */
import { api } from '../../api/client.js';
import type { Survey } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n.js';
import { useApi } from '../../use-api.js';
import { Datum } from '../message.js';
import { Await, Sources, VerificationMark } from '../status.js';
import { surveyBars, surveyHeight } from '../survey-bars.js';

const W = 720;
// Room on the left for the "0 %" tick, centred under the axis.
const PAD = { l: 24, r: 200, t: 4, b: 22 };

export function Surveys({ cc }: { cc: string }) {
  const { t } = useI18n();
  const surveys = useApi(() => api.surveys(cc), `surveys-${cc}`);
  return (
    <section aria-labelledby="surveys">
      <h2 id="surveys">{t('survey.title')}</h2>
      <Await state={surveys}>
        {(page) =>
          page.items.length === 0 ? (
            <p class="muted">{t('survey.none')}</p>
          ) : (
            page.items.map((s) => <SurveyBlock key={s.id} s={s} />)
          )
        }
      </Await>
    </section>
  );
}

function SurveyBlock({ s }: { s: Survey }) {
  const { t, date } = useI18n();
  const given = (v: string | null) =>
    v ? <Datum>{v}</Datum> : <span class="muted">{t('survey.notGiven')}</span>;
  return (
    <div class="survey" data-survey={s.id}>
      <p>
        {t('country.edition', { edition: s.edition })} <VerificationMark verification={s.verification} />
      </p>
      <dl class="survey-facts">
        <dt>{t('survey.fieldwork')}</dt>
        <dd>
          {s.fieldwork_start
            ? t('common.period', { first: date(s.fieldwork_start), last: date(s.fieldwork_end) })
            : given(null)}
        </dd>
        <dt>{t('survey.method')}</dt>
        <dd>{given(s.method)}</dd>
        <dt>{t('survey.population')}</dt>
        <dd>{given(s.population)}</dd>
      </dl>
      {s.questions.map((q) => (
        <SurveyChart key={q.question} q={q} />
      ))}
      <Sources sources={s.sources} numbered />
    </div>
  );
}

function SurveyChart({ q }: { q: Survey['questions'][number] }) {
  const { t, num, lang } = useI18n();
  const right = W - PAD.r;
  const bars = surveyBars(q.answers, PAD.l, right, PAD.t);
  const H = PAD.t + surveyHeight(q.answers.length) + PAD.b;
  // English writes 58%; Russian and Kazakh put a no-break space before the sign.
  const pct = (share: number, digits = 0) => `${num(share * 100, digits)}${lang === 'en' ? '' : '\u00a0'}%`;
  const value = (a: (typeof q.answers)[number]) =>
    a.margin_of_error !== null
      ? `${pct(a.share)} ${t('survey.margin', { moe: num(a.margin_of_error, 1) })}`
      : a.interval_low !== null && a.interval_high !== null
        ? `${pct(a.share)} (${pct(a.interval_low, 1)}–${pct(a.interval_high, 1)})`
        : pct(a.share);
  return (
    <figure class="chart survey-chart">
      <figcaption>
        <span lang="en">
          <Datum>{q.question}</Datum>
        </span>
        <br />
        <span class="muted" data-testid="sample-size">
          {q.sample_size === null ? t('survey.noSample') : t('survey.sample', { n: num(q.sample_size) })}
        </span>
      </figcaption>
      {/* The chart repeats the list after it, which a screen reader reads instead (answers marked as data). */}
      <svg viewBox={`0 0 ${W} ${H}`} aria-hidden="true">
        {[0, 0.25, 0.5, 0.75, 1].map((v) => {
          const x = PAD.l + v * (right - PAD.l);
          return (
            <g key={v}>
              <line x1={x} x2={x} y1={PAD.t} y2={H - PAD.b} class="grid" />
              <text x={x} y={H - 6} class="tick" text-anchor="middle">
                {pct(v)}
              </text>
            </g>
          );
        })}
        {q.answers.map((a, i) => {
          const b = bars[i]!;
          return (
            <g key={a.answer} class="survey-answer" data-share={a.share}>
              <text x={PAD.l} y={b.rowY + 12} class="answer datum" lang="en">
                {a.answer}
              </text>
              <rect x={b.x0} y={b.barY} width={b.x1 - b.x0} height={b.barHeight} class="bar survey-bar" />
              {b.error && (
                <g class="error-bar" data-low={a.interval_low} data-high={a.interval_high}>
                  <line x1={b.error.x0} x2={b.error.x1} y1={b.error.y} y2={b.error.y} />
                  <line x1={b.error.x0} x2={b.error.x0} y1={b.error.y - 5} y2={b.error.y + 5} />
                  <line x1={b.error.x1} x2={b.error.x1} y1={b.error.y - 5} y2={b.error.y + 5} />
                </g>
              )}
              <text x={b.labelX} y={b.barY + 11} class="value">
                {value(a)}
              </text>
            </g>
          );
        })}
      </svg>
      <ul class="sr-only">
        {q.answers.map((a) => (
          <li key={a.answer}>
            <Datum>{a.answer}</Datum>: {value(a)}
          </li>
        ))}
      </ul>
      {q.sample_size !== null && <p class="muted">{t('survey.errorBars')}</p>}
    </figure>
  );
}
