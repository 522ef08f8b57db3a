/**
 * The country evidence in the API's names: the timeline (reported events and measured changes), key developments,
 * indicator narratives, surveys with their margins of error, recommendations. Facts carry their sources resolved,
 * and the best verification among them, so that a page can say when a fact rests on a secondary or unverified one.
 */
import { z } from 'zod';
import { bestVerification } from '../../assessment/source-registry.js';
import { shareInterval } from '../../evidence/survey-margin.js';
import type { TimelineItem } from '../../evidence/timeline.js';
import type { Source } from '../../model/assessment.js';
import {
  ADDRESSEES,
  EVENT_TYPES,
  type IndicatorNarrative,
  type KeyDevelopment,
  RECOMMENDATION_STATUSES,
  type Recommendation,
  type Survey,
} from '../../model/evidence.js';
import { named } from './api-schemas.js';
import { sourceJson, toSourceJson } from './assessment-json.js';
import { listContract } from './list-contract.js';

/** A fact with its sources looked up (the store keeps their ids). */
export type WithSources<T> = T & { sources: Source[] };

const verification = z
  .enum(['primary', 'secondary', 'unverified'])
  .nullable()
  .describe(
    'the best verification among the sources (primary over secondary over unverified); null without sources ' +
      '(a measured change, whose evidence is its measurements)',
  );
const partialDate = (what: string) =>
  z.string().describe(`${what}: YYYY-MM-DD, YYYY-MM or YYYY, as precise as the source is`);
const indicators = z.array(z.string()).describe("the methodology's question ids it bears on (B3, C2)");
const sources = z.array(sourceJson).describe('the sources that report it');
const reviewState = z
  .enum(['draft', 'in_review'])
  .optional()
  .describe('only for signed-in readers: held by an open revision (not public until it is published)');
/** CSV cells of a fact: sources as their URLs. */
const sourceUrls = (item: { sources: { url: string }[] }) => ({
  ...item,
  sources: item.sources.map((s) => s.url),
});

const measuredChangeJson = named(
  'MeasuredChange',
  "A change point netfreedom's change detection found in one network's measurements of one domain",
  z.strictObject({
    domain: z.string(),
    probe_asn: z.string(),
    change: z.enum(['blocking_started', 'blocking_stopped']),
    at: z.string().describe('the change point, ISO 8601 UTC'),
    method: z.string(),
    score: z.number().describe('strength of the evidence (method-specific statistic)'),
    measurement_uids: z.array(z.string()).describe('the measurements behind it'),
    query: z.string().describe("the measurements' filter set in the API's names (for /measurements)"),
  }),
);

const timelineItemJson = named(
  'TimelineEvent',
  "One item of a country's timeline: an event reported by its sources, or a change measured by netfreedom",
  z.strictObject({
    origin: z
      .enum(['reported', 'measured'])
      .describe(
        'reported: sources report it; measured: detected in measurements, never to be read as reported',
      ),
    id: z.string(),
    country: z.string(),
    start: partialDate('when it happened, or began'),
    end: z.string().nullable().describe('when a range ended (same precision rules); null for one date'),
    type: z.enum(EVENT_TYPES),
    title: z.string(),
    summary: z.string().describe("netfreedom's own words for what the sources report (text, never HTML)"),
    indicators,
    indicator_attribution: z
      .enum(['source', 'netfreedom'])
      .nullable()
      .describe("source: the cited document ties it to the questions; netfreedom: netfreedom's reading"),
    key_controls: z.array(z.string()).describe('key internet control ids it bears on'),
    sources,
    verification,
    measured: measuredChangeJson.nullable().describe('for a measured change, what was detected'),
    review_state: reviewState,
  }),
);

export const timelineList = listContract({
  pageId: 'TimelinePage',
  description: "One page of a country's timeline, in date order",
  item: timelineItemJson,
  toJson: (i: WithSources<TimelineItem>): z.output<typeof timelineItemJson> => ({
    origin: i.origin,
    id: i.id,
    country: i.country,
    start: i.start,
    end: i.end,
    type: i.type,
    title: i.title,
    summary: i.summary,
    indicators: i.indicators,
    indicator_attribution: i.indicatorAttribution,
    key_controls: i.keyControls,
    sources: i.sources.map(toSourceJson),
    verification: bestVerification(i.sources),
    measured: i.measured && {
      domain: i.measured.domain,
      probe_asn: i.measured.probeAsn,
      change: i.measured.change,
      at: i.measured.at,
      method: i.measured.method,
      score: i.measured.score,
      measurement_uids: i.measured.measurementUids,
      query: i.measured.query,
    },
    ...(i.reviewState ? { review_state: i.reviewState } : {}),
  }),
  csvRow: sourceUrls,
});

const keyDevelopmentJson = named(
  'KeyDevelopment',
  'One item of an assessment\'s "Key Developments", in order, with its indicator references and sources',
  z.strictObject({
    id: z.string(),
    country: z.string(),
    edition: z.number().int(),
    position: z.number().int().describe('its place in the block, from 1'),
    text: z.string().describe("netfreedom's own words for the development"),
    indicators,
    start: z
      .string()
      .nullable()
      .describe('when it happened, if the source says (inside the coverage period)'),
    end: z.string().nullable(),
    sources,
    verification,
    review_state: reviewState,
  }),
);

export const keyDevelopmentList = listContract({
  pageId: 'KeyDevelopmentPage',
  description: "One page of an assessment's key developments",
  item: keyDevelopmentJson,
  toJson: (
    k: WithSources<KeyDevelopment> & { reviewState?: 'draft' | 'in_review' },
  ): z.output<typeof keyDevelopmentJson> => ({
    id: k.id,
    country: k.country,
    edition: k.edition,
    position: k.position,
    text: k.text,
    indicators: k.indicators,
    start: k.start,
    end: k.end,
    sources: k.sources.map(toSourceJson),
    verification: bestVerification(k.sources),
    ...(k.reviewState ? { review_state: k.reviewState } : {}),
  }),
  csvRow: sourceUrls,
});

const narrativeJson = named(
  'IndicatorNarrative',
  'The narrative of one question of an assessment, with the explanation of its score change',
  z.strictObject({
    id: z.string(),
    country: z.string(),
    edition: z.number().int(),
    question_id: z.string(),
    text: z.string(),
    score_change: z.string().nullable().describe('why the score changed since the previous edition'),
    sources,
    verification,
    evidence_link_ids: z.array(z.string()).describe('the evidence links of this question (…/evidence)'),
    review_state: reviewState,
  }),
);

export const narrativeList = listContract({
  pageId: 'IndicatorNarrativePage',
  description: "One page of an assessment's indicator narratives",
  item: narrativeJson,
  toJson: (
    n: WithSources<IndicatorNarrative> & {
      evidenceLinkIds: string[];
      reviewState?: 'draft' | 'in_review';
    },
  ): z.output<typeof narrativeJson> => ({
    id: n.id,
    country: n.country,
    edition: n.edition,
    question_id: n.questionId,
    text: n.text,
    score_change: n.scoreChange,
    sources: n.sources.map(toSourceJson),
    verification: bestVerification(n.sources),
    evidence_link_ids: n.evidenceLinkIds,
    ...(n.reviewState ? { review_state: n.reviewState } : {}),
  }),
  csvRow: sourceUrls,
});

const surveyAnswerJson = named(
  'SurveyAnswer',
  'One answer of a survey question, its share and the 95 % interval of that share',
  z.strictObject({
    answer: z.string(),
    share: z.number().describe('share of respondents, 0..1'),
    margin_of_error: z
      .number()
      .nullable()
      .describe(
        '95 % margin of error in percentage points (normal approximation); null with the Wilson interval or without a sample size',
      ),
    interval_low: z
      .number()
      .nullable()
      .describe('lower bound of the 95 % interval, as a share; null without a sample size'),
    interval_high: z.number().nullable(),
    interval_method: z
      .enum(['normal', 'wilson'])
      .nullable()
      .describe('normal approximation, or Wilson where fewer than 10 expected answers lie on either side'),
  }),
);

const surveyJson = named(
  'Survey',
  'A survey with its questions, the shares of each answer and their margins of error',
  z.strictObject({
    id: z.string(),
    country: z.string(),
    edition: z.number().int(),
    method: z.string().nullable(),
    population: z.string().nullable(),
    fieldwork_start: z.string().nullable(),
    fieldwork_end: z.string().nullable(),
    questions: z.array(
      z.strictObject({
        question: z.string(),
        sample_size: z.number().int().nullable(),
        margin_note: z
          .string()
          .nullable()
          .describe('says why no margin of error is given (no sample size); null when one is'),
        answers: z.array(surveyAnswerJson),
      }),
    ),
    sources,
    verification,
  }),
);

export const surveyList = listContract({
  pageId: 'SurveyPage',
  description: "One page of a country's surveys",
  item: surveyJson,
  toJson: (s: WithSources<Survey>): z.output<typeof surveyJson> => ({
    id: s.id,
    country: s.country,
    edition: s.edition,
    method: s.method,
    population: s.population,
    fieldwork_start: s.fieldworkStart,
    fieldwork_end: s.fieldworkEnd,
    questions: s.questions.map((q) => ({
      question: q.question,
      sample_size: q.sampleSize,
      margin_note: q.sampleSize === null ? 'no sample size given: no margin of error can be computed' : null,
      answers: q.answers.map((a) => {
        const i = shareInterval(a.share, q.sampleSize);
        return {
          answer: a.answer,
          share: a.share,
          margin_of_error: i?.marginOfErrorPp ?? null,
          interval_low: i?.low ?? null,
          interval_high: i?.high ?? null,
          interval_method: i?.method ?? null,
        };
      }),
    })),
    sources: s.sources.map(toSourceJson),
    verification: bestVerification(s.sources),
  }),
  csvRow: sourceUrls,
});

const recommendationJson = named(
  'Recommendation',
  'A recommendation, to whom, and how far later editions found it carried out (with evidence)',
  z.strictObject({
    id: z.string(),
    country: z.string(),
    edition: z.number().int(),
    addressees: z.array(z.enum(ADDRESSEES)),
    text: z.string(),
    sources,
    verification,
    statuses: z
      .array(
        z.strictObject({
          edition: z.number().int(),
          status: z.enum(RECOMMENDATION_STATUSES),
          note: z.string().nullable(),
          sources,
        }),
      )
      .describe('its status per later edition; empty when no later edition assessed it'),
  }),
);

export const recommendationList = listContract({
  pageId: 'RecommendationPage',
  description: "One page of a country's recommendations",
  item: recommendationJson,
  toJson: (
    r: WithSources<Omit<Recommendation, 'statuses'>> & {
      statuses: WithSources<Recommendation['statuses'][number]>[];
    },
  ): z.output<typeof recommendationJson> => ({
    id: r.id,
    country: r.country,
    edition: r.edition,
    addressees: r.addressees,
    text: r.text,
    sources: r.sources.map(toSourceJson),
    verification: bestVerification(r.sources),
    statuses: r.statuses.map((st) => ({
      edition: st.edition,
      status: st.status,
      note: st.note,
      sources: st.sources.map(toSourceJson),
    })),
  }),
  csvRow: sourceUrls,
});

export const sourceList = listContract({
  pageId: 'SourcePage',
  description: 'One page of the sources facts cite',
  item: sourceJson,
  toJson: toSourceJson,
});

export type TimelineEventJson = z.output<typeof timelineItemJson>;
export type KeyDevelopmentJson = z.output<typeof keyDevelopmentJson>;
export type IndicatorNarrativeJson = z.output<typeof narrativeJson>;
export type SurveyJson = z.output<typeof surveyJson>;
export type RecommendationJson = z.output<typeof recommendationJson>;
