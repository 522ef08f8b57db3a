/** Each suggestion rule, the coverage period, the confirmations that count, and the analyst's decision. */
import { beforeEach, describe, expect, it } from 'vitest';
import { testActing } from '../../test/helpers/acting.js';
import { assessmentStub, evidenceTestStore } from '../../test/helpers/evidence-store.js';
import { record } from '../../test/store/measurement-fixtures.js';
import { getRevision, reviewStep } from '../assessment/revisions.js';
import type { CountryEvent } from '../model/evidence.js';
import type { Methodology } from '../model/methodology.js';
import type { Store } from '../store/store.js';
import { decideSuggestion } from './decide-suggestion.js';
import { recordEvent } from './record-facts.js';
import { suggestControls } from './suggest-controls.js';
import { loadSuggestionRules, parseSuggestionRules, type SuggestionRule } from './suggestion-rules.js';

let store: Store;
let methodology: Methodology;
let sourceId: string;
let rules: SuggestionRule[];

beforeEach(async () => {
  ({ store, methodology, sourceId } = await evidenceTestStore());
  rules = await loadSuggestionRules(methodology);
});

function add(id: string, over: Partial<CountryEvent>): Promise<unknown> {
  return recordEvent(store, methodology, {
    id,
    country: 'KZ',
    start: '2023-10-01',
    end: null,
    type: 'other',
    title: id,
    summary: 's',
    indicators: [],
    indicatorAttribution: 'netfreedom',
    keyControls: [],
    sourceIds: [sourceId],
    ...over,
  });
}

/** The suggested controls of KZ 2024 (coverage 2023-06-01 – 2024-05-31) with their rules. */
async function suggested(edition = 2024): Promise<Record<string, string[]>> {
  const list = await suggestControls(store, methodology, rules, 'KZ', edition);
  return Object.fromEntries(list.map((s) => [s.controlId, s.ruleIds]));
}

describe('suggestions from events', () => {
  it('suggests a shutdown for the edition whose period holds it, and not for another', async () => {
    await add('kz-shutdown', { type: 'shutdown', start: '2022-01-04', end: '2022-01-11' });
    expect(await suggested(2022).catch((e: Error) => e.message)).toMatch(
      /no coverage period is known for KZ 2022/,
    );
    // With the 2022 assessment's own period (June 2021 – May 2022), as the bundled scores give it.
    await store.assessments.put(assessmentStub('KZ', 2022, '2021-06-01', '2022-05-31'));
    expect(await suggested(2022)).toEqual({ KIC3: ['shutdown-event'] });
    expect(await suggested(2024)).toEqual({});
  });

  it('suggests each control from its rule, and only inside the coverage period', async () => {
    await add('kz-law-b3', { type: 'law', indicators: ['B3'] });
    await add('kz-law-c5', { type: 'directive', indicators: ['C5'] });
    await add('kz-law-a1', { type: 'law', indicators: ['A1'] });
    await add('kz-arrest', { type: 'arrest' });
    await add('kz-attack', { type: 'attack_on_person' });
    await add('kz-hack', { type: 'cyberattack' });
    await add('kz-names', { type: 'other', keyControls: ['KIC4'] });
    await add('kz-arrest-before', { type: 'arrest', start: '2023-05-31' });
    expect(await suggested()).toEqual({
      KIC4: ['event-names-control'],
      KIC5: ['censorship-law-event'],
      KIC6: ['surveillance-law-event'],
      KIC7: ['arrest-event'],
      KIC8: ['attack-on-person-event'],
      KIC9: ['cyberattack-event'],
    });
    const kic7 = (await suggestControls(store, methodology, rules, 'KZ', 2024)).find(
      (s) => s.controlId === 'KIC7',
    )!;
    expect(kic7.evidence.map((e) => (e.kind === 'event' ? e.event.id : e.kind))).toEqual(['kz-arrest']);
  });

  it('says when an event lies only partly in the period', async () => {
    await add('kz-span', { type: 'shutdown', start: '2024-05', end: '2024-07' });
    const [s] = await suggestControls(store, methodology, rules, 'KZ', 2024);
    expect(s?.evidence[0]).toMatchObject({ kind: 'event', inPeriod: 'partly' });
  });
});

describe('suggestions from measurements', () => {
  it("suggests KIC1 and KIC2 from confirmed blocking in their categories, naming OONI's or netfreedom's confirmation", async () => {
    const tls = (r: ReturnType<typeof record>) => ({ ...r, analysis: { ...r.analysis, tlsConfirmed: true } });
    await store.measurements.put([
      record({
        domain: 'telegram.org',
        categoryCode: 'COMT',
        startTime: '2023-08-01T00:00:00Z',
        outcome: 'confirmed',
      }),
      tls(
        record({
          domain: 'meduza.io',
          categoryCode: 'NEWS',
          startTime: '2024-01-01T00:00:00Z',
          outcome: 'anomaly',
          technique: 'tls_sni',
        }),
      ),
      // Anomalies without a confirmation, blocking outside the period, other categories, simulated data: nothing.
      record({
        domain: 'vk.com',
        categoryCode: 'GRP',
        startTime: '2023-08-01T00:00:00Z',
        outcome: 'anomaly',
      }),
      record({
        domain: 'amnesty.org',
        categoryCode: 'HUMR',
        startTime: '2024-06-01T00:00:00Z',
        outcome: 'confirmed',
      }),
      record({
        domain: 'game.example',
        categoryCode: 'GAME',
        startTime: '2023-08-01T00:00:00Z',
        outcome: 'confirmed',
      }),
      record({
        domain: 'fb.example',
        categoryCode: 'GRP',
        startTime: '2023-08-01T00:00:00Z',
        outcome: 'confirmed',
        simulated: true,
      }),
    ]);
    const list = await suggestControls(store, methodology, rules, 'KZ', 2024);
    expect(list.map((s) => s.controlId)).toEqual(['KIC1', 'KIC2']);
    expect(list[0]!.evidence).toEqual([
      expect.objectContaining({ domain: 'telegram.org', confirmations: ['confirmed'], confirmedCount: 1 }),
    ]);
    expect(list[1]!.evidence).toEqual([
      expect.objectContaining({
        domain: 'meduza.io',
        confirmations: ['tls_confirmed'],
        query: 'probe_cc=KZ&domain=meduza.io&since=2023-06-01&until=2024-06-01',
      }),
    ]);
  });

  it('counts a confirmation only under the trust rule: an anonymous one suggests nothing, a probe’s does', async () => {
    const fabricated = (over: Partial<ReturnType<typeof record>>) =>
      record({
        domain: 'rus.azattyq.org',
        categoryCode: 'NEWS',
        startTime: '2024-01-10T00:00:00Z',
        outcome: 'confirmed',
        ...over,
      });
    // One anonymous submission, and another from a second reporter on the same network and day: unverified.
    await store.measurements.put([
      fabricated({ origin: 'anonymous', reporter: 'anon-1' }),
      fabricated({ origin: 'anonymous', reporter: 'anon-2' }),
    ]);
    expect(await suggested()).toEqual({});
    // The same measurement from a registered probe counts at once.
    await store.measurements.put([fabricated({ origin: 'probe', reporter: 'probe-kz-1' })]);
    const list = await suggestControls(store, methodology, rules, 'KZ', 2024);
    expect(list.map((s) => s.controlId)).toEqual(['KIC2']);
    expect(list[0]!.evidence).toEqual([
      expect.objectContaining({ domain: 'rus.azattyq.org', confirmations: ['confirmed'], confirmedCount: 1 }),
    ]);
  });
});

describe('suggestions from the messaging-app tests', () => {
  it('suggests KIC1 from enough anomalies of an app test, per test, real measurements in the period only', async () => {
    const app = (testName: string, outcome: 'ok' | 'anomaly' | 'confirmed', day: string, over = {}) =>
      record({ testName, domain: null, categoryCode: null, outcome, startTime: `${day}T00:00:00Z`, ...over });
    await store.measurements.put([
      app('telegram', 'anomaly', '2023-09-01'),
      app('telegram', 'anomaly', '2023-09-02', { probeAsn: 'AS48716' }),
      app('telegram', 'confirmed', '2023-09-03'),
      app('telegram', 'ok', '2023-09-04'),
      // Two anomalies are not enough; simulated ones and those outside the period never count.
      app('signal', 'anomaly', '2023-09-01'),
      app('signal', 'anomaly', '2023-09-02'),
      app('signal', 'anomaly', '2023-09-03', { simulated: true }),
      app('signal', 'anomaly', '2024-07-01'),
      // A circumvention test is not a communications platform.
      app('tor', 'anomaly', '2023-09-01'),
      app('tor', 'anomaly', '2023-09-02'),
      app('tor', 'anomaly', '2023-09-03'),
    ]);
    const list = await suggestControls(store, methodology, rules, 'KZ', 2024);
    expect(list.map((s) => [s.controlId, s.ruleIds])).toEqual([
      ['KIC1', ['communication-apps-anomalies-measured']],
    ]);
    expect(list[0]!.evidence).toEqual([
      {
        kind: 'test_anomalies',
        ruleId: 'communication-apps-anomalies-measured',
        testName: 'telegram',
        anomalyCount: 3,
        measurementCount: 4,
        networks: ['AS48716', 'AS9198'],
        firstSeen: '2023-09-01',
        lastSeen: '2023-09-03',
        query: 'probe_cc=KZ&since=2023-06-01&until=2024-06-01&test_name=telegram',
      },
    ]);
    // Accepted: the draft answers yes (published once reviewed), with the test's measurements linked as a saved query.
    const accepted = await decideSuggestion(store, methodology, rules, testActing(), {
      country: 'KZ',
      edition: 2024,
      controlId: 'KIC1',
      decision: 'accepted',
    });
    expect(accepted).toMatchObject({ currentAnswer: 'unknown', decision: { decision: 'accepted' } });
    expect((await getRevision(store, 'KZ', 2024))?.draft.keyControls).toEqual([
      expect.objectContaining({ controlId: 'KIC1', answer: 'yes' }),
    ]);
    const links = await store.evidence.list('evidence_link', { country: 'KZ' });
    expect(
      links.map((l) => (l.evidence.kind === 'measurement_query' ? l.evidence.query.query : null)),
    ).toEqual(['probe_cc=KZ&test_name=telegram&since=2023-06-01&until=2024-06-01']);
  });
});

describe('decisions', () => {
  it('accepting answers yes in the draft with the events’ sources and links; rejecting leaves the answer', async () => {
    await add('kz-hack', { type: 'cyberattack', start: '2024-02' });
    await add('kz-arrest', { type: 'arrest' });
    const now = () => new Date('2024-10-01T00:00:00Z');
    const accepted = await decideSuggestion(store, methodology, rules, testActing(), {
      country: 'KZ',
      edition: 2024,
      controlId: 'kic9',
      decision: 'accepted',
      now,
    });
    // The published answer stays until the draft is reviewed and published by someone else.
    expect(accepted).toMatchObject({
      currentAnswer: 'unknown',
      decision: { decision: 'accepted', decidedAt: '2024-10-01T00:00:00.000Z' },
    });
    expect((await store.assessments.get('KZ', 2024))?.keyControls ?? []).toEqual([]);
    const draft = await getRevision(store, 'KZ', 2024);
    expect(draft).toMatchObject({ state: 'draft', authors: ['tester'] });
    expect(draft?.draft.keyControls).toEqual([
      expect.objectContaining({
        controlId: 'KIC9',
        answer: 'yes',
        sources: [expect.objectContaining({ id: sourceId })],
      }),
    ]);
    const links = await store.evidence.list('evidence_link', { country: 'KZ', edition: 2024 });
    expect(links.map((l) => [l.target, l.evidence])).toEqual([
      [
        { kind: 'key_control', id: 'KIC9' },
        { kind: 'event', eventId: 'kz-hack' },
      ],
    ]);
    const rejected = await decideSuggestion(store, methodology, rules, testActing(), {
      country: 'KZ',
      edition: 2024,
      controlId: 'KIC7',
      decision: 'rejected',
      now,
    });
    expect(rejected).toMatchObject({ currentAnswer: 'unknown', decision: { decision: 'rejected' } });
    expect((await getRevision(store, 'KZ', 2024))?.draft.keyControls.map((k) => k.controlId)).toEqual([
      'KIC9',
    ]);
    await reviewStep(store, testActing(), 'KZ', 2024, 'submit', null);
    await reviewStep(store, testActing('reviewer'), 'KZ', 2024, 'publish', null);
    expect((await store.assessments.get('KZ', 2024))?.keyControls.map((k) => k.controlId)).toEqual(['KIC9']);
    await expect(
      decideSuggestion(store, methodology, rules, testActing(), {
        country: 'KZ',
        edition: 2024,
        controlId: 'KIC9',
        decision: 'rejected',
      }),
    ).rejects.toThrow(/KIC9 was accepted/);
    await expect(
      decideSuggestion(store, methodology, rules, testActing(), {
        country: 'KZ',
        edition: 2024,
        controlId: 'KIC3',
        decision: 'accepted',
      }),
    ).rejects.toThrow(/nothing suggests KIC3 for KZ 2024/);
    expect(
      (await suggestControls(store, methodology, rules, 'KZ', 2024)).map((s) => [
        s.controlId,
        s.decision?.decision,
      ]),
    ).toEqual([
      ['KIC7', 'rejected'],
      ['KIC9', 'accepted'],
    ]);
  });
});

describe('the rules file', () => {
  it('refuses a rule naming an unknown control or question', () => {
    const rule = (over: object) => ({
      rules: [{ id: 'r', control: 'KIC1', description: 'd', events: {}, ...over }],
    });
    expect(() => parseSuggestionRules(rule({ control: 'KIC12' }), methodology, 'rules.json')).toThrow(
      /unknown key internet control KIC12/,
    );
    expect(() =>
      parseSuggestionRules(rule({ events: { indicators: ['Z1'] } }), methodology, 'rules.json'),
    ).toThrow(/unknown indicator Z1/);
    expect(() =>
      parseSuggestionRules(rule({ events: { types: ['riot'] } }), methodology, 'rules.json'),
    ).toThrow(/rules\.json: rules\.0/);
  });
});
