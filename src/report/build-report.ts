/**
 * Builds the country report (report-model.ts) from the store: the assessment and its history, the evidence of the
 * edition and the measured evidence of its coverage period, every number with its references.
 */
import { inLanguage } from '../assessment/methodology-translations.js';
import { dayAfter } from '../evidence/saved-query.js';
import { shareInterval } from '../evidence/survey-margin.js';
import type { Assessment } from '../model/assessment.js';
import type { Lang } from '../model/language.js';
import type { Methodology } from '../model/methodology.js';
import { firstDay, lastDay } from '../shared/source-id.js';
import type { Store } from '../store/store.js';
import { measuredEvidence } from './measured-evidence.js';
import { References } from './references.js';
import { readReportData } from './report-data.js';
import {
  type CountryReport,
  type EventItem,
  type HistoryRow,
  type KeyControlItem,
  REPORT_VERSION,
  type StatusLine,
  type SurveyItem,
} from './report-model.js';
import { countryName } from './report-text.js';

export interface ReportOptions {
  lang?: Lang;
  now?: () => Date;
  /** The numbering to cite into (the parts of a comparison share one); a new one by default. */
  refs?: References;
}

/** The report of `country` × `edition`; NoReportError (report-data.ts) when the store has no such assessment. */
export async function buildReport(
  store: Store,
  methodology: Methodology,
  country: string,
  edition: number,
  options: ReportOptions = {},
): Promise<CountryReport> {
  const lang = options.lang ?? 'en';
  const now = options.now ?? (() => new Date());
  const m = inLanguage(methodology, lang);
  const data = await readReportData(store, country, edition);
  const a = data.assessment;
  const refs = options.refs ?? new References();
  refs.know(data.sources);
  const period =
    a.coverageStart && a.coverageEnd
      ? { start: a.coverageStart, end: a.coverageEnd }
      : (m.coveragePeriods.find((p) => p.edition === edition) ?? null);

  const status = statusLine(refs, a, data.assessments, m, period);
  const categories = m.categories.map((c) => ({
    id: c.id,
    name: c.name,
    max: c.maxPoints,
    score: refs.figure(a.categories.find((x) => x.categoryId === c.id)?.score ?? null, a.categorySources),
  }));
  const questions = m.categories
    .flatMap((c) => c.questions)
    .map((q) => {
      const scored = a.questions.find((x) => x.questionId === q.id);
      const narrative = data.narratives.find((n) => n.questionId === q.id);
      return {
        id: q.id,
        categoryId: q.categoryId,
        text: q.text,
        max: q.maxPoints,
        score: refs.figure(scored?.score ?? null, scored?.sources ?? []),
        narrative: narrative ? { text: narrative.text, refs: refs.cite(narrative.sourceIds) } : null,
        scoreChange: narrative?.scoreChange
          ? { text: narrative.scoreChange, refs: refs.cite(narrative.sourceIds) }
          : null,
      };
    })
    .filter((q) => q.score !== null || q.narrative !== null);

  const history: HistoryRow[] = data.assessments.flatMap((h) => {
    if (h.total === null) return [];
    const published = { value: h.total, refs: refs.cite(h.totalSources) };
    const converted = h.scale === 'legacy';
    return [
      {
        edition: h.edition,
        scale: h.scale,
        published,
        current: converted ? { value: m.maxTotal - h.total, refs: published.refs } : published,
        converted,
        status: h.status,
        restatedInEdition: h.restatedInEdition,
      },
    ];
  });

  const keyDevelopments = data.keyDevelopments.map((k) => ({
    text: k.text,
    indicators: k.indicators,
    start: k.start,
    end: k.end,
    refs: refs.cite(k.sourceIds),
  }));

  const inPeriod = (start: string, end: string | null) =>
    period === null || (lastDay(end ?? start) >= period.start && firstDay(start) <= period.end);
  const events: EventItem[] = data.events
    .filter((e) => inPeriod(e.start, e.end))
    .sort((x, y) => firstDay(x.start).localeCompare(firstDay(y.start)) || x.id.localeCompare(y.id))
    .map((e) => ({
      id: e.id,
      start: e.start,
      end: e.end,
      type: e.type,
      title: e.title,
      summary: e.summary,
      indicators: e.indicators,
      refs: refs.cite(e.sourceIds),
    }));

  const keyControls: KeyControlItem[] = m.keyInternetControls.flatMap((kic) => {
    const answer = a.keyControls.find((k) => k.controlId === kic.id);
    const linked = data.links.filter((l) => l.target.kind === 'key_control' && l.target.id === kic.id);
    const related = data.events.filter(
      (e) =>
        (e.keyControls.includes(kic.id) ||
          linked.some((l) => l.evidence.kind === 'event' && l.evidence.eventId === e.id)) &&
        inPeriod(e.start, e.end),
    );
    if (!answer && related.length === 0) return [];
    const linkedSources = linked.flatMap((l) => (l.evidence.kind === 'source' ? [l.evidence.sourceId] : []));
    const evidenceRefs = refs.cite([...(answer?.sources ?? []), ...linkedSources]);
    return [
      {
        id: kic.id,
        label: kic.label,
        answer: answer?.answer ?? 'unknown',
        evidence: answer?.evidence ? { text: answer.evidence, refs: evidenceRefs } : null,
        events: related.map((e) => ({
          id: e.id,
          title: e.title,
          start: e.start,
          refs: refs.cite(e.sourceIds),
        })),
      },
    ];
  });

  // The coverage period's measurements; without any, the country's others, said to be outside it.
  const measured =
    (await measuredEvidence(store, refs, {
      country,
      since: period?.start ?? null,
      until: period ? dayAfter(period.end) : null,
      now,
    })) ??
    (period
      ? await measuredEvidence(store, refs, { country, since: null, until: null, outsideCoverage: true, now })
      : null);

  const surveys: SurveyItem[] = data.surveys.flatMap((s) =>
    s.questions.map((q, i) => ({
      id: `${s.id}#${i + 1}`,
      question: q.question,
      method: s.method,
      sampleSize: refs.figure(q.sampleSize, s.sourceIds),
      refs: refs.cite(s.sourceIds),
      answers: q.answers.map((x) => {
        const interval = shareInterval(x.share, q.sampleSize);
        return {
          answer: x.answer,
          share: { value: x.share, refs: refs.cite(s.sourceIds) },
          low: interval ? { value: interval.low, refs: refs.cite(s.sourceIds) } : null,
          high: interval ? { value: interval.high, refs: refs.cite(s.sourceIds) } : null,
        };
      }),
    })),
  );

  const recommendations = data.recommendations
    .filter((r) => r.edition <= edition)
    .sort((x, y) => y.edition - x.edition || x.id.localeCompare(y.id))
    .map((r) => {
      const last = r.statuses
        .filter((s) => s.edition <= edition)
        .sort((x, y) => x.edition - y.edition)
        .at(-1);
      return {
        edition: r.edition,
        addressees: r.addressees,
        text: r.text,
        refs: refs.cite(r.sourceIds),
        status: last
          ? { edition: last.edition, status: last.status, note: last.note, refs: refs.cite(last.sourceIds) }
          : null,
      };
    });

  const methodologyRefs = refs.cite([m.primaryDocument.source]);
  const methodologyNote = {
    maxTotal: { value: m.maxTotal, refs: methodologyRefs },
    bands: m.statusBands.map((b) => ({
      status: b.status,
      min: { value: b.min, refs: methodologyRefs },
      max: { value: b.max, refs: methodologyRefs },
    })),
    legacyBands: m.legacyStatusBands,
    currentScaleFromEdition: m.currentScaleFromEdition,
    refs: methodologyRefs,
  };

  return {
    version: REPORT_VERSION,
    country,
    countryName: countryName(country, lang),
    edition,
    lang,
    generatedAt: now().toISOString(),
    status,
    categories: categories.some((c) => c.score !== null) ? categories : [],
    questions,
    history,
    keyDevelopments,
    keyControls,
    events,
    measured,
    surveys,
    recommendations,
    methodology: methodologyNote,
    sources: refs.sources,
    snapshots: refs.snapshots,
  };
}

function statusLine(
  refs: References,
  a: Assessment,
  all: Assessment[],
  m: Methodology,
  period: { start: string; end: string } | null,
): StatusLine {
  const total = refs.figure(a.total, a.totalSources);
  const previous = all.filter((p) => p.edition < a.edition && p.scale === a.scale && p.total !== null).at(-1);
  let change: StatusLine['change'] = null;
  if (total && previous) {
    const previousTotal = { value: previous.total!, refs: refs.cite(previous.totalSources) };
    const both = [...total.refs, ...previousTotal.refs.filter((r) => !total.refs.some((t) => t.n === r.n))];
    change = {
      value: { value: total.value - previousTotal.value, refs: both },
      previousEdition: previous.edition,
      previousTotal,
    };
  }
  return {
    total,
    maxTotal: m.maxTotal,
    scale: a.scale,
    status: a.status,
    statusRefs: refs.cite(a.totalSources),
    change,
    verification: a.totalVerification,
    coverageStart: period?.start ?? null,
    coverageEnd: period?.end ?? null,
  };
}
