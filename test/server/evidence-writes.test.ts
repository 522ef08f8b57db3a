/**
 * The country-evidence write routes: an analyst of the country records facts through the API, each write in the
 * audit log with the record before and after (a write that changes nothing is not an entry), and the chain holds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analystSource } from '../../src/assessment/analyst-edits.js';
import { getRevision } from '../../src/assessment/revisions.js';
import { recordEvent } from '../../src/evidence/record-facts.js';
import { verifyChain } from '../../src/store/audit-chain.js';
import { type AuthFixture, startAuthFixture } from './auth-fixture.js';

const source = analystSource('https://example.org/kz-report', '2024-06-01');
const event = {
  id: 'kz-2024-01-news-blocked',
  type: 'block',
  start: '2024-01-10',
  title: 'News sites blocked',
  summary: 'Several news sites were blocked by SNI filtering.',
  indicators: ['b1'],
  source_urls: [source.url],
};

let f: AuthFixture;
beforeAll(async () => {
  f = await startAuthFixture();
}, 60_000);
afterAll(async () => f?.stop());

const post = (path: string, body: unknown, who = 'ana') =>
  f.call('POST', `/api/v1${path}`, { body, token: f.tokens[who] });

describe('country evidence written through the API', () => {
  it('records an event, audits it with before and after, and leaves an unchanged write out of the log', async () => {
    const added = await post('/countries/KZ/events', event);
    expect(added.status).toBe(200);
    expect(await added.json()).toEqual({
      kind: 'event',
      id: event.id,
      result: 'added',
      draft: { edition: 2024, revision: 1 },
    });
    const again = await post('/countries/KZ/events', event);
    expect(await again.json()).toMatchObject({ result: 'unchanged' });
    const changed = await post('/countries/KZ/events', { ...event, title: 'News and rights sites blocked' });
    expect(await changed.json()).toMatchObject({ result: 'updated' });

    const entries = await f.store.audit.list({ entity: `event:${event.id}` });
    expect(entries.map((e) => [e.action, e.actor.split(' ')[0]])).toEqual([
      ['evidence.event', 'ana'],
      ['evidence.event', 'ana'],
    ]);
    const [updated, first] = entries;
    expect(JSON.parse(first!.beforeJson)).toBeNull();
    expect(JSON.parse(first!.afterJson)).toMatchObject({ title: 'News sites blocked', indicators: ['B1'] });
    expect(JSON.parse(updated!.beforeJson)).toMatchObject({ title: 'News sites blocked' });
    expect(JSON.parse(updated!.afterJson)).toMatchObject({ title: 'News and rights sites blocked' });
    expect(updated!.requestId).toBeTruthy();

    // The event waits in the draft revision (test/server/draft-evidence.test.ts): a signed-in reader sees it.
    const timeline = (await (
      await f.call('GET', '/api/v1/countries/KZ/events?origin=reported', { token: f.tokens.vic })
    ).json()) as { items: { id: string; title: string }[] };
    expect(timeline.items.map((i) => [i.id, i.title])).toEqual([[event.id, 'News and rights sites blocked']]);
    expect(await verifyChain((after, limit) => f.store.audit.page(after, limit))).toMatchObject({ ok: true });
  });

  it("refuses a rule the command line refuses (400) and another country's analyst (403), writing nothing", async () => {
    const bad = await post('/countries/KZ/events', { ...event, id: 'kz-bad', indicators: ['Z9'] });
    expect(bad.status).toBe(400);
    const other = await post('/countries/KZ/events', { ...event, id: 'kz-other' }, 'rita');
    expect(other.status).toBe(403);
    for (const id of ['kz-bad', 'kz-other']) {
      expect(await f.store.evidence.get('event', id)).toBeNull();
      expect(await f.store.audit.list({ entity: `event:${id}` })).toEqual([]);
    }
  });

  it('refuses a source URL that is not http(s) on every fact, storing no source (a link that would run script)', async () => {
    const bad = [
      'javascript:alert(document.cookie)',
      ' JaVaScRiPt:alert(1)',
      'data:text/html,<script>x</script>',
      'https://x.example/a b',
    ];
    for (const url of bad) {
      const writes = [
        ['/countries/KZ/events', { ...event, id: 'kz-js-source', source_urls: [source.url, url] }],
        [
          '/assessments/KZ/2024/key-developments',
          { id: 'kz-js-kd', position: 1, text: 'x', source_urls: [url] },
        ],
        ['/assessments/KZ/2024/narratives/B1', { text: 'x', source_urls: [url] }],
        [
          '/countries/KZ/recommendations',
          { id: 'kz-js-rec', edition: 2024, addressees: ['government'], text: 'x', source_urls: [url] },
        ],
      ] as const;
      for (const [path, body] of writes) {
        const res = await post(path, body);
        expect(res.status, `${path} with ${url}`).toBe(400);
        expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
          /is not an http\(s\) URL/,
        );
      }
    }
    const sources = (await (await f.call('GET', '/api/v1/sources?limit=1000')).json()) as {
      items: { url: string }[];
    };
    expect(sources.items.filter((s) => !/^https?:/.test(s.url))).toEqual([]);
    expect(await f.store.evidence.get('event', 'kz-js-source')).toBeNull();
  });

  it('accepts a suggestion into the draft and audits the decision and the answer', async () => {
    await f.store.evidence.put('source', source);
    await recordEvent(f.store, f.methodology, {
      id: 'kz-2023-hack',
      country: 'KZ',
      start: '2023-10-01',
      end: null,
      type: 'cyberattack',
      title: 'A hack',
      summary: 's',
      indicators: [],
      indicatorAttribution: 'netfreedom',
      keyControls: [],
      sourceIds: [source.id],
    });
    const res = await post('/assessments/KZ/2024/suggestions/KIC9/accept', undefined);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ control_id: 'KIC9', decision: 'accepted' });
    expect((await getRevision(f.store, 'KZ', 2024))?.draft.keyControls.map((k) => k.controlId)).toContain(
      'KIC9',
    );
    const actions = (await f.store.audit.list({ actor: 'ana' })).map((e) => [e.action, e.entity]);
    expect(actions).toContainEqual(['evidence.control_decision', 'control_decision:kz-2024-kic9']);
    expect(actions).toContainEqual(['assessment.accept_suggestion', 'assessment:KZ:2024']);
  });
});
