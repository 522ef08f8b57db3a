/** The events and surveys CSV imports: bad rows as file:line, the rest kept, re-import idempotent, a concurrent import. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evidenceTestStore } from '../../test/helpers/evidence-store.js';
import { tempDir } from '../../test/helpers/temp.js';
import { sourceId } from '../shared/source-id.js';
import { importEvents } from './import-events.js';
import { importSurveys } from './import-surveys.js';
import { parseShare } from './survey-csv.js';

const EVENTS = `id,country,start,end,type,title,summary,indicators,key_controls,source_urls
kz-ok,KZ,2022-01-04,2022-01-11,shutdown,Shutdown,"Cut, then restored",A3,KIC3,https://example.org/a https://example.org/b
kz-no-source,KZ,2022-01,,block,Block,Blocked,B1,,
kz-bad-type,KZ,2022,,riot,Riot,Riot,,,https://example.org/a
kz-bad-q,KZ,2022,,block,Block,Blocked,B12,,https://example.org/a
kz-bad-date,KZ,2022-02-30,,block,Block,Blocked,B1,,https://example.org/a
kz-ok,KZ,2022-01-04,,shutdown,Again,Again,A3,,https://example.org/a
kz-short,KZ,2022
`;

const SURVEYS = `country,edition,survey_id,question,answer,share,sample_size,fieldwork_start,fieldwork_end,method,source_url
KZ,2024,kz-poll,Support free speech?,yes,58%,"1,200",2024-03-01,2024-03-20,phone,https://example.org/poll
KZ,2024,kz-poll,Support free speech?,no,0.42,1200,2024-03-01,2024-03-20,phone,https://example.org/poll
KZ,2024,kz-poll,Support free speech?,maybe,58,1200,2024-03-01,2024-03-20,phone,https://example.org/poll
KZ,2024,kz-poll,Trust news?,yes,0.3,900,2024-03-01,2024-03-20,phone,https://example.org/poll
KZ,2024,kz-poll,Trust news?,no,0.7,,2024-03-01,2024-03-20,phone,https://example.org/poll
KZ,2024,kz-poll,Trust news?,no,0.7,900,2024-03-02,2024-03-20,phone,https://example.org/poll
KZ,2024,kz-nosource,Q,a,0.5,100,,,,
KZ,2024,kz-nsize,Q,a,0.5,,,,,https://example.org/poll
`;

describe('events import', () => {
  it('reports each bad row as file:line with its reason, keeps the good one, and changes nothing the second time', async () => {
    const { store, methodology } = await evidenceTestStore();
    const file = join(tempDir(), 'events.csv');
    writeFileSync(file, EVENTS);
    const first = await importEvents(store, methodology, file);
    expect(first).toMatchObject({ read: 7, added: 1, updated: 0, unchanged: 0 });
    expect(first.rejected.map((p) => `${p.line}: ${p.reason}`)).toEqual([
      '3: source_urls is empty: every event needs at least one source',
      expect.stringMatching(/^4: type "riot" is not one of law, directive/),
      expect.stringMatching(/^5: event kz-bad-q: unknown indicator B12/),
      '6: event kz-bad-date: date "2022-02-30" is not YYYY, YYYY-MM or YYYY-MM-DD',
      '7: event kz-ok already given on line 2',
      '8: expected 10 columns, found 3',
    ]);
    expect(first.rejected.every((p) => p.file === file)).toBe(true);
    const stored = await store.evidence.get('event', 'kz-ok');
    expect(stored?.sourceIds).toEqual([sourceId('https://example.org/a'), sourceId('https://example.org/b')]);
    // URLs no list knows become unverified sources, about which nothing is claimed.
    expect((await store.evidence.get('source', sourceId('https://example.org/a')))?.verification).toBe(
      'unverified',
    );
    const again = await importEvents(store, methodology, file);
    expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 1 });
  });

  it('refuses a file without the required columns as one problem on line 1', async () => {
    const { store, methodology } = await evidenceTestStore();
    const file = join(tempDir(), 'events.csv');
    writeFileSync(file, 'id,country\nx,KZ\n');
    const s = await importEvents(store, methodology, file);
    expect(s.rejected).toEqual([
      { file, line: 1, reason: expect.stringMatching(/^missing column\(s\): start, end, type/) },
    ]);
  });

  it('keeps every event of imports running at once through the single writer', async () => {
    const { store, methodology } = await evidenceTestStore();
    const dir = tempDir();
    const files = Array.from({ length: 6 }, (_, w) => {
      const rows = Array.from(
        { length: 10 },
        (_, i) => `kz-w${w}-${i},KZ,2022-01-0${1 + (i % 9)},,block,B,S,B1,,https://example.org/w${w}`,
      );
      const f = join(dir, `e${w}.csv`);
      writeFileSync(
        f,
        `id,country,start,end,type,title,summary,indicators,key_controls,source_urls\n${rows.join('\n')}\n`,
      );
      return f;
    });
    const results = await Promise.all(files.map((f) => importEvents(store, methodology, f)));
    expect(results.map((r) => r.added)).toEqual(Array(6).fill(10));
    expect(await store.evidence.count('event')).toBe(60);
  });
});

describe('surveys import', () => {
  it('reads fractions and percentages, reports contradicting and bad rows by line, and is idempotent', async () => {
    const { store } = await evidenceTestStore();
    const file = join(tempDir(), 'surveys.csv');
    writeFileSync(file, SURVEYS);
    const first = await importSurveys(store, file);
    expect(first.rejected.map((p) => `${p.line}: ${p.reason}`)).toEqual([
      '4: share "58" is above 1: write a fraction (0.58) or a percentage (58%)',
      "6: sample_size differs from the question's other answers",
      "7: fieldwork_start differs from survey kz-poll's on line 2",
      '8: source_url must be one http(s) URL: a survey without a source is refused',
    ]);
    expect(first).toMatchObject({ read: 2, added: 2 });
    const poll = await store.evidence.get('survey', 'kz-poll');
    expect(poll?.questions).toEqual([
      {
        question: 'Support free speech?',
        sampleSize: 1200,
        answers: [
          { answer: 'yes', share: 0.58 },
          { answer: 'no', share: 0.42 },
        ],
      },
      { question: 'Trust news?', sampleSize: 900, answers: [{ answer: 'yes', share: 0.3 }] },
    ]);
    expect((await store.evidence.get('survey', 'kz-nsize'))?.questions[0]?.sampleSize).toBeNull();
    expect(await importSurveys(store, file)).toMatchObject({ added: 0, updated: 0, unchanged: 2 });
  });

  it('reads a share as a fraction or a percentage, and refuses what is neither', () => {
    expect(parseShare('0.58')).toBe(0.58);
    expect(parseShare('58%')).toBe(0.58);
    expect(parseShare('58.5 %')).toBe(0.585);
    expect(() => parseShare('1.5')).toThrow(/above 1/);
    expect(() => parseShare('101%')).toThrow(/above 100%/);
    expect(() => parseShare('-0.1')).toThrow(/neither a fraction/);
  });
});
