import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testActing } from '../../test/helpers/acting.js';
import { tempDir, tempStore } from '../../test/helpers/temp.js';
import { csvField, parseCsv } from '../shared/csv.js';
import type { Store } from '../store/store.js';
import { analystSource, setQuestionScore } from './analyst-edits.js';
import { BUNDLED_SCORES_PATH, seedAssessments } from './bundled-data.js';
import { exportAssessments } from './export-assessments.js';
import { importScores } from './import-scores.js';
import { loadMethodology } from './methodology-loader.js';
import { reviewStep } from './revisions.js';

const methodology = await loadMethodology();
const bundledCsv = readFileSync(BUNDLED_SCORES_PATH, 'utf8');
const header = bundledCsv.split('\n')[0]!;

describe('importScores', () => {
  it('names the bundled file by its place in the package in the audit log, never by the server’s own path', async () => {
    const store = await tempStore();
    await seedAssessments(store, methodology, testActing());
    const entries = await store.audit.list({ entity: 'assessment:KZ:2024' });
    expect(entries.map((e) => e.reason)).toEqual([
      expect.stringMatching(/^data\/fotn\/fotn-scores\.csv:\d+$/),
    ]);
    const all = JSON.stringify(await store.audit.list());
    expect(all).not.toContain(BUNDLED_SCORES_PATH);
  });

  it('imports the bundled scores with their sources (KZ 2024: 34 = 12 + 12 + 10, Not Free)', async () => {
    const store = await tempStore();
    const summary = await importScores(store, methodology, BUNDLED_SCORES_PATH, testActing());
    expect(summary).toMatchObject({ read: 53, added: 53, updated: 0, unchanged: 0, rejected: [] });
    const kz = await store.assessments.get('KZ', 2024);
    expect(kz).toMatchObject({ total: 34, status: 'Not Free', scale: 'current', previousEditionTotal: 34 });
    expect(kz!.categories.map((c) => c.score)).toEqual([12, 12, 10]);
    expect(kz!.totalSources[0]!.url).toBe('https://www.ecoi.net/de/dokument/2116561.html');
    const legacy = await store.assessments.get('KZ', 2015);
    expect(legacy).toMatchObject({ scale: 'legacy', total: 61, status: 'Not Free' });
  });

  it("carries each source's title, publisher, date accessed and verification, and marks figures resting on secondary ones", async () => {
    const store = await tempStore();
    await importScores(store, methodology, BUNDLED_SCORES_PATH, testActing());
    const kz2024 = await store.assessments.get('KZ', 2024);
    expect(kz2024!.totalSources[0]).toMatchObject({
      title: 'Freedom on the Net 2024 - Kazakhstan',
      accessed: 'unknown',
      verification: 'secondary',
      kind: 'mirror',
      originalPublisher: 'Freedom House',
    });
    expect([kz2024!.totalVerification, kz2024!.categoryVerification]).toEqual(['secondary', 'secondary']);
    // Kazakhstan 2025 rests on a news article, and says so.
    const kz2025 = await store.assessments.get('KZ', 2025);
    expect(kz2025!.totalSources[0]).toMatchObject({
      publisher: 'Orda.kz',
      kind: 'news',
      verification: 'secondary',
    });
    expect(kz2025!.totalVerification).toBe('secondary');
    expect((await store.assessments.get('KZ', 2022))!.totalVerification).toBe('primary');
  });

  it("marks Kazakhstan 2018 as Freedom House's restatement on the current scale, published in 2019, and bundles 2013 from the 2014 page", async () => {
    const store = await tempStore();
    await importScores(store, methodology, BUNDLED_SCORES_PATH, testActing());
    expect(await store.assessments.get('KZ', 2018)).toMatchObject({
      scale: 'current',
      total: 38,
      restatedInEdition: 2019,
    });
    expect((await store.assessments.get('KZ', 2019))!.restatedInEdition).toBeNull();
    expect(await store.assessments.get('KZ', 2013)).toMatchObject({
      scale: 'legacy',
      total: 59,
      status: 'Partly Free',
      totalVerification: 'primary',
      restatedInEdition: null,
    });
    expect(await store.assessments.get('KZ', 2012)).toBeNull();
    expect(await store.assessments.get('KZ', 2017)).toBeNull();
  });

  it('is idempotent: a second import changes nothing', async () => {
    const store = await tempStore();
    await importScores(store, methodology, BUNDLED_SCORES_PATH, testActing());
    const before = await store.assessments.list();
    const again = await importScores(store, methodology, BUNDLED_SCORES_PATH, testActing());
    expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 53 });
    expect(await store.assessments.list()).toEqual(before);
  });

  it('reports each bad row with its line and imports the rest', async () => {
    const store = await tempStore();
    const file = join(tempDir(), 'scores.csv');
    const good = bundledCsv.split('\n')[1]!; // KZ 2024
    const rows = [
      header,
      good,
      good.replace(',34,12,12,10,', ',35,12,12,10,'), // line 3: duplicate KZ 2024 and contradicting total
      'Uzbekistan,UZ,UZB,2024,2023-06-01,2024-05-31,higher_is_freer,27,10,11,6,Partly Free,25,https://e.org/uz,https://e.org/uz,,',
      'Russia,RU,RUS,2024,2023-06-01,2024-05-31,sideways,20,10,5,5,Not Free,21,https://e.org/ru,https://e.org/ru,,',
      'Iran,IR,IRN,2024,2023-06-01,2024-05-31,higher_is_freer,twelve,,,,Not Free,11,https://e.org/ir,,,',
      'China,CN,CHN,2024,2023-06-01,2024-13-31,higher_is_freer,9,7,2,0,Not Free,9,https://e.org/cn,https://e.org/cn,,',
      'Georgia,GE,GEO,2024,2023-06-01,2024-05-31,higher_is_freer,74,,,,Free,76,,,no source,',
      'Armenia,AM,ARM,2024',
      'India,IN,IND,2024,2023-06-01,2024-05-31,higher_is_freer,50,14,19,17,Partly Free,50,https://e.org/in,https://e.org/in,,',
    ];
    writeFileSync(file, `${rows.join('\n')}\n`);
    const summary = await importScores(store, methodology, file, testActing());
    expect(summary.rejected.map((p) => `${p.line}: ${p.reason}`)).toEqual([
      '3: KZ 2024 already given on line 2',
      '4: UZ 2024: status "Partly Free" contradicts the current scale bands (total 27 is "Not Free")',
      '5: scale "sideways" is not one of higher_is_freer, lower_is_freer_legacy',
      '6: total "twelve" is not an integer',
      '7: coverage_end "2024-13-31" is not a YYYY-MM-DD date',
      '8: total has no source_total',
      '9: expected 17 columns, found 4',
    ]);
    expect(summary.rejected.every((p) => p.file === file)).toBe(true);
    expect(summary.added).toBe(2);
    expect((await store.assessments.list()).map((a) => a.country)).toEqual(['IN', 'KZ']);
  });

  it('keeps the rows before an unterminated quote and reports the quote at its line', async () => {
    // Found by test/reliability/bad-input-csv.test.ts: the whole file used to be refused, good rows with it.
    const store = await tempStore();
    const file = join(tempDir(), 'scores.csv');
    writeFileSync(file, `${header}\n${bundledCsv.split('\n')[1]!}\n"Nowhere,NW\n`);
    const summary = await importScores(store, methodology, file, testActing());
    expect(summary.rejected).toEqual([{ file, line: 3, reason: 'unterminated quoted field' }]);
    expect(summary.added).toBe(1);
    expect((await store.assessments.list()).map((a) => a.country)).toEqual(['KZ']);
  });

  it('refuses a row whose integer is too big for the store, and keeps the rest', async () => {
    // Found by test/reliability/bad-input-csv.test.ts (full run): "bigint out of int64 range" stopped the import.
    const store = await tempStore();
    const file = join(tempDir(), 'scores.csv');
    const good = bundledCsv.split('\n')[1]!;
    const huge = good
      .replace('KZ,KAZ,2024', 'UZ,UZB,2024')
      .replace(/,34,https/, ',999999999999999999999,https');
    writeFileSync(file, `${header}\n${good}\n${huge}\n`);
    const summary = await importScores(store, methodology, file, testActing());
    expect(summary.rejected).toEqual([
      { file, line: 3, reason: 'prev_edition_total "999999999999999999999" is not an integer' },
    ]);
    expect(summary.added).toBe(1);
  });

  it('imports a file made before the restated_in_edition column, reading it as empty', async () => {
    const store = await tempStore();
    const file = join(tempDir(), 'old.csv');
    const old = bundledCsv
      .split(/\r?\n/)
      .filter(Boolean)
      .map((line) => line.replace(/,(restated_in_edition|\d{4})?$/, ''));
    writeFileSync(file, `${old.join('\n')}\n`);
    expect(await importScores(store, methodology, file, testActing())).toMatchObject({
      added: 53,
      rejected: [],
    });
    expect((await store.assessments.get('KZ', 2018))!.restatedInEdition).toBeNull();
  });

  it('leaves the store as it was when the import fails part-way', async () => {
    const store = await tempStore();
    let puts = 0;
    const failing: Store = {
      ...store,
      location: store.location,
      transaction: (fn) => store.transaction(fn),
      close: () => store.close(),
      assessments: {
        ...store.assessments,
        get: (c, e) => store.assessments.get(c, e),
        count: () => store.assessments.count(),
        list: (f) => store.assessments.list(f),
        put: async (a) => {
          if (++puts === 10) throw new Error('disk full');
          return store.assessments.put(a);
        },
      },
    };
    await expect(importScores(failing, methodology, BUNDLED_SCORES_PATH, testActing())).rejects.toThrow(
      'disk full',
    );
    expect(await store.assessments.count()).toBe(0);
  });

  it("keeps analysts' question scores when the scores file is imported again", async () => {
    const store = await tempStore();
    await importScores(store, methodology, BUNDLED_SCORES_PATH, testActing());
    await setQuestionScore(store, methodology, testActing(), {
      country: 'KZ',
      edition: 2024,
      questionId: 'B1',
      score: 1,
      justification: 'SNI blocking of news sites',
      source: analystSource('https://ooni.org/post/2024-kazakhstan-report/', '2026-11-28'),
    });
    await reviewStep(store, testActing(), 'KZ', 2024, 'submit', null);
    await reviewStep(store, testActing('reviewer'), 'KZ', 2024, 'publish', null);
    const again = await importScores(store, methodology, BUNDLED_SCORES_PATH, testActing());
    expect(again.unchanged).toBe(53);
    expect((await store.assessments.get('KZ', 2024))!.questions.map((q) => [q.questionId, q.score])).toEqual([
      ['B1', 1],
    ]);
  });

  it('exports CSV that re-imports unchanged, and JSON with everything', async () => {
    const store = await tempStore();
    await importScores(store, methodology, BUNDLED_SCORES_PATH, testActing());
    const file = join(tempDir(), 'export.csv');
    writeFileSync(file, exportAssessments(await store.assessments.list(), 'csv'));
    expect(await importScores(store, methodology, file, testActing())).toMatchObject({
      unchanged: 53,
      rejected: [],
    });
    const json = JSON.parse(exportAssessments(await store.assessments.list({ country: 'KZ' }), 'json'));
    expect(json).toHaveLength(13);
    expect(json.find((a: { edition: number }) => a.edition === 2024).totalSources[0].url).toContain(
      'ecoi.net',
    );
  });

  it('exports notes a spreadsheet would run as formulas with an apostrophe, and reads them back as they were', async () => {
    const store = await tempStore();
    await importScores(store, methodology, BUNDLED_SCORES_PATH, testActing());
    const [head, ...rows] = parseCsv(bundledCsv);
    const column = (name: string) => head!.fields.indexOf(name);
    // The first is written unguarded, as a hand-made file would have it; the others as our export writes them.
    const notes = ['-2 since last edition; =see notes', '\n=1+1', ' =1+1', '\uff1d1+1', "'=already quoted"];
    const lines = notes.map((note, r) =>
      rows[r]!.fields.map((f, i) => (i !== column('notes') ? csvField(f) : r === 0 ? note : csvField(note))),
    );
    const hostile = join(tempDir(), 'hostile.csv');
    writeFileSync(hostile, `${head!.fields.join(',')}\n${lines.map((l) => l.join(',')).join('\n')}\n`);
    expect(await importScores(store, methodology, hostile, testActing())).toMatchObject({
      updated: 5,
      rejected: [],
    });
    const stored = async (r: number) =>
      (await store.assessments.get(
        rows[r]!.fields[column('iso2')]!,
        Number(rows[r]!.fields[column('edition')]),
      ))!.notes;
    for (const [r, note] of notes.entries()) expect(await stored(r)).toBe(note);

    const exported = exportAssessments(await store.assessments.list(), 'csv');
    for (const guarded of [",'-2 since", ',"\'\n=1+1"', ",' =1+1", ",'\uff1d1+1", ",''=already quoted"])
      expect(exported).toContain(guarded);
    const file = join(tempDir(), 'export.csv');
    writeFileSync(file, exported);
    expect(await importScores(store, methodology, file, testActing())).toMatchObject({
      unchanged: 53,
      rejected: [],
    });
    for (const [r, note] of notes.entries()) expect(await stored(r)).toBe(note);
  });
});
