/** The bundled Kazakhstan evidence: enough sourced events, the key ones, every source listed, seeding idempotent. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { testActing } from '../../test/helpers/acting.js';
import { tempStore } from '../../test/helpers/temp.js';
import { seedAssessments } from '../assessment/bundled-data.js';
import { loadMethodology } from '../assessment/methodology-loader.js';
import { BUNDLED_EVIDENCE_SOURCES_PATH, loadSourceRegistry } from '../assessment/source-registry.js';
import { parseCsv } from '../shared/csv.js';
import { BUNDLED_EVIDENCE, seedEvidence, seedEvidenceIfEmpty } from './bundled-evidence.js';
import { suggestControls } from './suggest-controls.js';
import { loadSuggestionRules } from './suggestion-rules.js';
import { countryTimeline } from './timeline.js';

describe('bundled country evidence', () => {
  it('loads without a refused row, and a second load changes nothing', async () => {
    const store = await tempStore();
    const methodology = await loadMethodology();
    const first = await seedEvidence(store, methodology);
    expect(first.rejected).toEqual([]);
    expect(first.written).toMatchObject({ event: 22, key_development: 4, survey: 1, recommendation: 7 });
    expect(await seedEvidence(store, methodology)).toEqual({ written: {}, rejected: [] });
    expect(await seedEvidenceIfEmpty(store, methodology)).toBeNull();

    const events = await countryTimeline(store, 'KZ');
    expect(events.length).toBeGreaterThanOrEqual(12);
    for (const e of events) {
      expect(e.sourceIds.length, e.id).toBeGreaterThan(0);
      expect(e.start, e.id).toMatch(/^\d{4}(-\d{2}){0,2}$/);
    }
    const byId = new Map(events.map((e) => [e.id, e]));
    expect(byId.get('kz-2022-01-shutdown')).toMatchObject({
      type: 'shutdown',
      start: '2022-01-04',
      indicators: ['A3'],
    });
    expect(byId.get('kz-2019-07-qaznet-interception')).toMatchObject({
      type: 'interception',
      start: '2019-07-17',
    });
    // The seed article's items say what they rest on.
    const seeded = events.filter((e) => e.id.includes('-seed-'));
    expect(seeded.length).toBe(3);
    const seedSource = await store.evidence.get('source', seeded[0]!.sourceIds[0]!);
    expect(seedSource).toMatchObject({ verification: 'unverified', kind: 'news' });
    const kd = await store.evidence.list('key_development', { country: 'KZ', edition: 2024 });
    expect(kd.map((k) => k.indicators)).toEqual([['B3', 'B6', 'C2', 'C6'], ['B6'], ['C8'], ['C8']]);
  });

  it('suggests the shutdown for the 2022 edition (June 2021 – May 2022) with the January 2022 event, not for 2024', async () => {
    const store = await tempStore();
    const methodology = await loadMethodology();
    await seedAssessments(store, methodology, testActing());
    await seedEvidence(store, methodology);
    const rules = await loadSuggestionRules(methodology);
    const s2022 = await suggestControls(store, methodology, rules, 'KZ', 2022);
    const kic3 = s2022.find((s) => s.controlId === 'KIC3');
    expect(kic3?.period).toEqual({ start: '2021-06-01', end: '2022-05-31' });
    expect(kic3?.controlLabel).toBe('Localized or nationwide ICT shutdown');
    expect(kic3?.evidence.map((e) => e.kind === 'event' && e.event.id)).toContain('kz-2022-01-shutdown');
    const s2024 = await suggestControls(store, methodology, rules, 'KZ', 2024);
    expect(s2024.map((s) => s.controlId)).not.toContain('KIC3');
  });

  it('cites only URLs its source lists describe, and lists no source it does not cite', async () => {
    const registry = await loadSourceRegistry();
    const cited = new Set<string>();
    for (const file of Object.values(BUNDLED_EVIDENCE)) {
      const [header, ...rows] = parseCsv(readFileSync(file, 'utf8'));
      const col = header!.fields.findIndex((f) => f === 'source_urls' || f === 'source_url');
      for (const r of rows) for (const u of r.fields[col]!.split(/\s+/).filter(Boolean)) cited.add(u);
    }
    for (const url of cited) expect(registry.has(url), url).toBe(true);
    const [, ...own] = parseCsv(readFileSync(BUNDLED_EVIDENCE_SOURCES_PATH, 'utf8'));
    for (const r of own) expect(cited.has(r.fields[0]!), r.fields[0]).toBe(true);
  });
});
