/**
 * Suggested key internet controls for one assessment: the rules (suggestion-rules.ts) run over the country's
 * reported events in the edition's coverage period and over the measurements taken in it. Each suggestion carries
 * the evidence that triggered it and the analyst's decision, if any; it is never an answer by itself.
 */

import type { KeyControlAnswer } from '../model/assessment.js';
import type { ControlDecision, CountryEvent } from '../model/evidence.js';
import type { Methodology } from '../model/methodology.js';
import type { BlockedSite } from '../store/measurement-store.js';
import type { Store } from '../store/store.js';
import { withDrafts } from './draft-evidence.js';
import { coveragePeriod, type Period, placeInPeriod } from './fact-rules.js';
import { savedQuery } from './saved-query.js';
import type {
  Confirmation,
  EventRule,
  MeasurementRule,
  SuggestionRule,
  TestAnomalyRule,
} from './suggestion-rules.js';

/** A reported event that made a rule fire, and how it lies in the coverage period. */
export interface EventEvidence {
  kind: 'event';
  ruleId: string;
  event: CountryEvent;
  inPeriod: 'entirely' | 'partly';
}

/** A site whose blocking was confirmed in the coverage period, with which confirmation, and the query behind it. */
export interface MeasuredEvidence {
  kind: 'measurements';
  ruleId: string;
  domain: string;
  categoryCode: string | null;
  confirmations: Confirmation[];
  confirmedCount: number;
  tlsConfirmedCount: number;
  firstSeen: string;
  lastSeen: string;
  /** The measurements behind it, as the API's filter set (`probe_cc=KZ&domain=…&since=…&until=…`). */
  query: string;
}

/** A test without a domain (a messaging app) whose measurements in the coverage period show anomalies. */
export interface TestAnomalyEvidence {
  kind: 'test_anomalies';
  ruleId: string;
  testName: string;
  /** OONI's anomaly and confirmed outcomes together. */
  anomalyCount: number;
  measurementCount: number;
  /** Networks with an anomaly (AS1234). */
  networks: string[];
  /** The first and last day with an anomaly (YYYY-MM-DD). */
  firstSeen: string;
  lastSeen: string;
  query: string;
}

export type SuggestionEvidence = EventEvidence | MeasuredEvidence | TestAnomalyEvidence;

export interface ControlSuggestion {
  country: string;
  edition: number;
  controlId: string;
  controlLabel: string;
  period: Period;
  ruleIds: string[];
  evidence: SuggestionEvidence[];
  decision: ControlDecision | null;
  /** The assessment's answer today ('unknown' when there is no assessment or no answer). */
  currentAnswer: KeyControlAnswer['answer'];
}

/**
 * The suggestions for a country's edition, ordered by control id; none when nothing in the period fires a rule. With
 * `drafts` (a reader of drafts), the events open revisions hold count too.
 */
export async function suggestControls(
  store: Store,
  methodology: Methodology,
  rules: readonly SuggestionRule[],
  country: string,
  edition: number,
  drafts = false,
): Promise<ControlSuggestion[]> {
  const period = await coveragePeriod(store, methodology, country, edition);
  const published = await store.evidence.list('event', { country });
  const events = drafts ? await withDrafts(store, 'event', { country }, published) : published;
  const found = new Map<string, SuggestionEvidence[]>();
  const add = (control: string, e: SuggestionEvidence) =>
    found.set(control, [...(found.get(control) ?? []), e]);
  for (const rule of rules) {
    if ('events' in rule) {
      for (const { event, inPeriod } of matchingEvents(rule, events, period))
        for (const control of rule.control ? [rule.control] : event.keyControls)
          add(control, { kind: 'event', ruleId: rule.id, event, inPeriod });
    } else if ('testAnomalies' in rule) {
      for (const e of await testAnomalyEvidence(store, rule, country, period)) add(rule.control, e);
    } else {
      for (const e of await measuredEvidence(store, rule, country, period)) add(rule.control, e);
    }
  }
  const assessment = await store.assessments.get(country, edition);
  const out: ControlSuggestion[] = [];
  for (const control of methodology.keyInternetControls) {
    const evidence = found.get(control.id);
    if (!evidence) continue;
    out.push({
      country,
      edition,
      controlId: control.id,
      controlLabel: control.label,
      period,
      ruleIds: [...new Set(evidence.map((e) => e.ruleId))],
      evidence,
      decision: await store.evidence.get('control_decision', decisionId(country, edition, control.id)),
      currentAnswer: assessment?.keyControls.find((k) => k.controlId === control.id)?.answer ?? 'unknown',
    });
  }
  return out;
}

/** The id of the decision on a country's edition's control. */
export function decisionId(country: string, edition: number, controlId: string): string {
  return `${country.toLowerCase()}-${edition}-${controlId.toLowerCase()}`;
}

function matchingEvents(
  rule: EventRule,
  events: readonly CountryEvent[],
  period: Period,
): { event: CountryEvent; inPeriod: 'entirely' | 'partly' }[] {
  const { types, indicators, namesControl } = rule.events;
  const out: { event: CountryEvent; inPeriod: 'entirely' | 'partly' }[] = [];
  for (const event of events) {
    if (types && !types.includes(event.type)) continue;
    if (indicators && !event.indicators.some((q) => indicators.includes(q))) continue;
    if (
      namesControl &&
      (rule.control ? !event.keyControls.includes(rule.control) : event.keyControls.length === 0)
    )
      continue;
    const inPeriod = placeInPeriod(event.start, event.end, period);
    if (inPeriod !== 'outside') out.push({ event, inPeriod });
  }
  return out;
}

async function measuredEvidence(
  store: Store,
  rule: MeasurementRule,
  country: string,
  period: Period,
): Promise<MeasuredEvidence[]> {
  const query = savedQuery(country, { categoryCode: rule.measurements.categories }, period);
  const sites = await store.measurements.blockedSites(country, {
    categoryCode: rule.measurements.categories,
    since: query.since,
    until: query.until,
  });
  return sites.flatMap((site) => {
    const confirmations = confirmationsOf(site).filter((c) => rule.measurements.confirmations.includes(c));
    if (confirmations.length === 0) return [];
    return [
      {
        kind: 'measurements' as const,
        ruleId: rule.id,
        domain: site.domain,
        categoryCode: site.categoryCode,
        confirmations,
        confirmedCount: site.confirmedCount,
        tlsConfirmedCount: site.tlsConfirmedCount,
        firstSeen: site.firstSeen,
        lastSeen: site.lastSeen,
        query: savedQuery(country, { domain: [site.domain] }, period).query,
      },
    ];
  });
}

/** Per test of the rule: its anomalies in the period (real measurements only), when there are enough of them. */
async function testAnomalyEvidence(
  store: Store,
  rule: TestAnomalyRule,
  country: string,
  period: Period,
): Promise<TestAnomalyEvidence[]> {
  const { since, until, query } = savedQuery(country, {}, period);
  const filter = { probeCc: [country], testName: rule.testAnomalies.tests, since, until };
  const totals = await store.measurements.aggregate({ ...filter, axisX: 'test_name' });
  const anomalous = await store.measurements.aggregate({
    ...filter,
    outcome: ['anomaly', 'confirmed'],
    axisX: 'test_name',
    axisY: 'measurement_start_day',
  });
  const nets = await store.measurements.aggregate({
    ...filter,
    outcome: ['anomaly', 'confirmed'],
    axisX: 'test_name',
    axisY: 'probe_asn',
  });
  return totals.flatMap((row) => {
    const test = row.test_name!;
    const anomalyCount = row.anomaly_count + row.confirmed_count;
    if (anomalyCount < rule.testAnomalies.minAnomalies) return [];
    const days = anomalous.filter((r) => r.test_name === test).map((r) => r.measurement_start_day!);
    return [
      {
        kind: 'test_anomalies' as const,
        ruleId: rule.id,
        testName: test,
        anomalyCount,
        measurementCount: row.measurement_count,
        networks: nets.filter((r) => r.test_name === test).map((r) => r.probe_asn!),
        firstSeen: days[0]!,
        lastSeen: days[days.length - 1]!,
        query: `${query}&test_name=${test}`,
      },
    ];
  });
}

function confirmationsOf(site: BlockedSite): Confirmation[] {
  return [
    ...(site.confirmed ? (['confirmed'] as const) : []),
    ...(site.tlsConfirmed ? (['tls_confirmed'] as const) : []),
  ];
}
