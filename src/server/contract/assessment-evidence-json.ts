/**
 * Evidence links of an assessment (a question or key internet control backed by an event, a source or a saved
 * measurement query, whose figures when linked are answered beside today's) and suggested key internet controls.
 */
import { z } from 'zod';
import type { ControlSuggestion } from '../../evidence/suggest-controls.js';
import type { Source } from '../../model/assessment.js';
import type { CountryEvent, EvidenceLink, MeasurementFigures } from '../../model/evidence.js';
import { named } from './api-schemas.js';
import { sourceJson, toSourceJson } from './assessment-json.js';
import { listContract } from './list-contract.js';

const count = (what: string) => z.number().int().describe(what);

const figuresJson = named(
  'MeasurementFigures',
  "A saved query's figures: OONI's counts, netfreedom's TLS-confirmed count, and the blocked sites",
  z.strictObject({
    computed_at: z.string().describe('when they were computed, ISO 8601 UTC'),
    measurement_count: count('measurements'),
    ok_count: count("OONI's ok outcome"),
    anomaly_count: count("OONI's anomaly outcome"),
    confirmed_count: count("OONI's confirmed outcome (fingerprint confirmation)"),
    failure_count: count("OONI's failure outcome"),
    tls_confirmed_count: count("netfreedom's TLS-confirmed measurements (not one of OONI's outcomes)"),
    blocked_site_count: count('sites showing blocking (the blocked-sites list under the same filters)'),
    confirmed_site_count: count('of those, confirmed by an OONI fingerprint'),
    tls_confirmed_site_count: count("of those, confirmed by netfreedom's TLS checks"),
  }),
);

const savedQueryJson = named(
  'SavedMeasurementQuery',
  "The filter set of the aggregation and blocked-sites API, inside the edition's coverage period",
  z.strictObject({
    query: z
      .string()
      .describe("the filters in the API's query-string form (for /aggregation, /measurements…)"),
    probe_cc: z.string(),
    probe_asn: z.array(z.string()),
    domain: z.array(z.string()),
    category_code: z.array(z.string()),
    test_name: z.array(z.string()).describe('OONI test names (empty: every test)'),
    since: z.string().describe('first day, inclusive'),
    until: z.string().describe('last day, exclusive'),
  }),
);

const linkedEventJson = named(
  'LinkedEvent',
  'The event an evidence link points to (the whole event is in the timeline)',
  z.strictObject({
    id: z.string(),
    type: z.string(),
    title: z.string(),
    start: z.string(),
    end: z.string().nullable(),
  }),
);

const evidenceLinkJson = named(
  'EvidenceLink',
  "What backs a question score or a key internet control: an event, a source, or a measurement query with its figures when linked and today's",
  z.strictObject({
    id: z.string(),
    country: z.string(),
    edition: z.number().int(),
    target_kind: z.enum(['question', 'key_control']),
    target_id: z.string().describe('question id (B1) or key internet control id (KIC2)'),
    evidence_kind: z.enum(['event', 'source', 'measurement_query']),
    event: linkedEventJson.nullable(),
    source: sourceJson.nullable(),
    query: savedQueryJson.nullable(),
    snapshot: figuresJson.nullable().describe('the figures when the link was made'),
    current: figuresJson
      .nullable()
      .describe("today's figures of the same query, to see whether the evidence holds"),
    note: z.string().nullable(),
    linked_at: z.string().describe('ISO 8601 UTC'),
  }),
);

/** A link with what it points to looked up, and for a query its figures now. */
export interface ResolvedLink {
  link: EvidenceLink;
  event: CountryEvent | null;
  source: Source | null;
  current: MeasurementFigures | null;
}

function toFiguresJson(f: MeasurementFigures): z.output<typeof figuresJson> {
  return {
    computed_at: f.computedAt,
    measurement_count: f.measurementCount,
    ok_count: f.okCount,
    anomaly_count: f.anomalyCount,
    confirmed_count: f.confirmedCount,
    failure_count: f.failureCount,
    tls_confirmed_count: f.tlsConfirmedCount,
    blocked_site_count: f.blockedSiteCount,
    confirmed_site_count: f.confirmedSiteCount,
    tls_confirmed_site_count: f.tlsConfirmedSiteCount,
  };
}

export const evidenceLinkList = listContract({
  pageId: 'EvidenceLinkPage',
  description: "One page of an assessment's evidence links",
  item: evidenceLinkJson,
  toJson: ({ link, event, source, current }: ResolvedLink): z.output<typeof evidenceLinkJson> => {
    const q = link.evidence.kind === 'measurement_query' ? link.evidence : null;
    return {
      id: link.id,
      country: link.country,
      edition: link.edition,
      target_kind: link.target.kind,
      target_id: link.target.id,
      evidence_kind: link.evidence.kind,
      event: event && {
        id: event.id,
        type: event.type,
        title: event.title,
        start: event.start,
        end: event.end,
      },
      source: source && toSourceJson(source),
      query: q && {
        query: q.query.query,
        probe_cc: q.query.probeCc,
        probe_asn: q.query.probeAsn,
        domain: q.query.domain,
        category_code: q.query.categoryCode,
        test_name: q.query.testName ?? [],
        since: q.query.since,
        until: q.query.until,
      },
      snapshot: q && toFiguresJson(q.snapshot),
      current: current && toFiguresJson(current),
      note: link.note,
      linked_at: link.linkedAt,
    };
  },
  csvRow: (l) => ({ ...l, source: l.source?.url ?? null, query: l.query?.query ?? null }),
});

const suggestionEvidenceJson = named(
  'SuggestionEvidence',
  'What made a rule suggest a key internet control: a reported event in the coverage period, a site whose blocking measurements confirm, or a test without a domain (a messaging app) whose measurements show anomalies',
  z.strictObject({
    kind: z.enum(['event', 'measurements', 'test_anomalies']),
    rule_id: z.string(),
    event_id: z.string().nullable(),
    title: z.string().nullable().describe("the event's title"),
    start: z.string().nullable(),
    end: z.string().nullable(),
    in_period: z
      .enum(['entirely', 'partly'])
      .nullable()
      .describe('whether the event lies entirely or only partly inside the coverage period'),
    source_ids: z.array(z.string()).describe("the event's sources (see /sources/{id})"),
    domain: z.string().nullable(),
    category_code: z.string().nullable(),
    confirmations: z
      .array(z.enum(['confirmed', 'tls_confirmed']))
      .describe(
        "which confirmation: OONI's fingerprint (confirmed) or netfreedom's TLS checks (tls_confirmed)",
      ),
    confirmed_count: z.number().int().nullable(),
    tls_confirmed_count: z.number().int().nullable(),
    test_name: z.string().nullable().describe('the test whose anomalies count (test_anomalies)'),
    anomaly_count: z
      .number()
      .int()
      .nullable()
      .describe("the test's measurements with OONI's anomaly or confirmed outcome in the period"),
    measurement_count: z.number().int().nullable().describe("the test's measurements in the period"),
    networks: z.array(z.string()).describe('networks with an anomaly (test_anomalies)'),
    first_seen: z.string().nullable(),
    last_seen: z.string().nullable(),
    query: z.string().nullable().describe("the measurements behind it, in the API's query-string form"),
  }),
);

export const suggestionJson = named(
  'ControlSuggestion',
  'A key internet control the rules suggest answering yes, with the evidence; never an answer until an analyst accepts it',
  z.strictObject({
    country: z.string(),
    edition: z.number().int(),
    control_id: z.string(),
    control_label: z.string(),
    coverage_start: z.string(),
    coverage_end: z.string(),
    rule_ids: z.array(z.string()).describe('the rules that fired (data/evidence/suggestion-rules.json)'),
    evidence: z.array(suggestionEvidenceJson),
    decision: z
      .enum(['accepted', 'rejected'])
      .nullable()
      .describe("an analyst's decision; null while none is recorded"),
    decided_at: z.string().nullable(),
    current_answer: z.enum(['yes', 'no', 'unknown']).describe("the assessment's answer today"),
  }),
);

export const suggestionList = listContract({
  pageId: 'ControlSuggestionPage',
  description: "One page of an assessment's suggested key internet controls",
  item: suggestionJson,
  toJson: (s: ControlSuggestion): z.output<typeof suggestionJson> => ({
    country: s.country,
    edition: s.edition,
    control_id: s.controlId,
    control_label: s.controlLabel,
    coverage_start: s.period.start,
    coverage_end: s.period.end,
    rule_ids: s.ruleIds,
    evidence: s.evidence.map((e) => {
      const none = {
        event_id: null,
        title: null,
        start: null,
        end: null,
        in_period: null,
        source_ids: [],
        domain: null,
        category_code: null,
        confirmations: [],
        confirmed_count: null,
        tls_confirmed_count: null,
        test_name: null,
        anomaly_count: null,
        measurement_count: null,
        networks: [],
        first_seen: null,
        last_seen: null,
        query: null,
      };
      if (e.kind === 'event')
        return {
          ...none,
          kind: e.kind,
          rule_id: e.ruleId,
          event_id: e.event.id,
          title: e.event.title,
          start: e.event.start,
          end: e.event.end,
          in_period: e.inPeriod,
          source_ids: e.event.sourceIds,
        };
      if (e.kind === 'test_anomalies')
        return {
          ...none,
          kind: e.kind,
          rule_id: e.ruleId,
          test_name: e.testName,
          anomaly_count: e.anomalyCount,
          measurement_count: e.measurementCount,
          networks: e.networks,
          first_seen: e.firstSeen,
          last_seen: e.lastSeen,
          query: e.query,
        };
      return {
        ...none,
        kind: e.kind,
        rule_id: e.ruleId,
        domain: e.domain,
        category_code: e.categoryCode,
        confirmations: e.confirmations,
        confirmed_count: e.confirmedCount,
        tls_confirmed_count: e.tlsConfirmedCount,
        first_seen: e.firstSeen,
        last_seen: e.lastSeen,
        query: e.query,
      };
    }),
    decision: s.decision?.decision ?? null,
    decided_at: s.decision?.decidedAt ?? null,
    current_answer: s.currentAnswer,
  }),
});

export type MeasurementFiguresJson = z.output<typeof figuresJson>;
export type EvidenceLinkJson = z.output<typeof evidenceLinkJson>;
export type ControlSuggestionJson = z.output<typeof suggestionJson>;
export type SuggestionEvidenceJson = z.output<typeof suggestionEvidenceJson>;
