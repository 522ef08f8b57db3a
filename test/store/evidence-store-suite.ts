/** One test suite for every EvidenceStore engine (DuckDB, ClickHouse): idempotent writes, filters, one writer. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CountryEvent } from '../../src/model/evidence.js';
import { sourceId } from '../../src/shared/source-id.js';
import type { Store } from '../../src/store/store.js';

export interface EvidenceHandle {
  store: Store;
  close(): Promise<void>;
}

export function event(id: string, over: Partial<CountryEvent> = {}): CountryEvent {
  return {
    id,
    country: 'KZ',
    start: '2022-01-05',
    end: null,
    type: 'shutdown',
    title: `event ${id}`,
    summary: 'summary <b>not html</b>',
    indicators: ['A3'],
    indicatorAttribution: 'netfreedom',
    keyControls: [],
    sourceIds: [sourceId('https://example.org/a')],
    ...over,
  };
}

/** Registers the suite; `open` gives an empty store. */
export function evidenceStoreSuite(name: string, open: () => Promise<EvidenceHandle>): void {
  describe(`evidence store: ${name}`, () => {
    let h: EvidenceHandle;
    let s: Store;

    beforeAll(async () => {
      h = await open();
      s = h.store;
    }, 180_000);
    afterAll(async () => h?.close(), 60_000);

    it('adds a record, answers unchanged for the same one again and updated for a changed one', async () => {
      expect(await s.evidence.put('event', event('a-1'))).toBe('added');
      // Keys in another order are the same record.
      const reordered = Object.fromEntries(Object.entries(event('a-1')).reverse()) as unknown as CountryEvent;
      expect(await s.evidence.put('event', reordered)).toBe('unchanged');
      expect(await s.evidence.put('event', event('a-1', { title: 'changed' }))).toBe('updated');
      expect((await s.evidence.get('event', 'a-1'))?.title).toBe('changed');
      expect(await s.evidence.get('event', 'no-such')).toBeNull();
      // Kinds are apart: the same id under another kind is another record.
      expect(await s.evidence.get('key_development', 'a-1')).toBeNull();
    });

    it('lists a kind by id, filtered by country and edition', async () => {
      await s.evidence.put('event', event('b-2', { country: 'UZ' }));
      await s.evidence.put('event', event('b-1', { country: 'UZ' }));
      expect((await s.evidence.list('event', { country: 'UZ' })).map((e) => e.id)).toEqual(['b-1', 'b-2']);
      const kd = {
        id: 'kd-1',
        country: 'UZ',
        edition: 2024,
        position: 1,
        text: 't',
        indicators: [],
        start: null,
        end: null,
        sourceIds: ['x'],
      };
      await s.evidence.put('key_development', kd);
      await s.evidence.put('key_development', { ...kd, id: 'kd-2', edition: 2023 });
      expect(
        (await s.evidence.list('key_development', { country: 'UZ', edition: 2024 })).map((k) => k.id),
      ).toEqual(['kd-1']);
      expect(await s.evidence.count('key_development')).toBe(2);
      expect(await s.evidence.count()).toBeGreaterThanOrEqual(5);
    });

    it('keeps every record of 20 concurrent writers, each answered for its own write', async () => {
      const writers = Array.from({ length: 20 }, (_, w) =>
        (async () => {
          const results: string[] = [];
          for (let i = 0; i < 5; i++)
            results.push(await s.evidence.put('event', event(`c-${w}-${i}`, { country: 'KG' })));
          // The same records again, as a retrying writer would send them.
          for (let i = 0; i < 5; i++)
            results.push(await s.evidence.put('event', event(`c-${w}-${i}`, { country: 'KG' })));
          return results;
        })(),
      );
      const readers = Array.from({ length: 5 }, () => s.evidence.list('event', { country: 'KG' }));
      const results = await Promise.all(writers);
      await Promise.all(readers);
      for (const r of results) expect(r).toEqual([...Array(5).fill('added'), ...Array(5).fill('unchanged')]);
      expect((await s.evidence.list('event', { country: 'KG' })).length).toBe(100);
    }, 120_000);

    it('joins a surrounding transaction: a write inside it and a read of it agree', async () => {
      const got = await s.transaction(async () => {
        await s.evidence.put('event', event('t-1', { country: 'TJ' }));
        return s.evidence.get('event', 't-1');
      });
      expect(got?.id).toBe('t-1');
    });
  });
}
