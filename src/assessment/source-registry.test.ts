import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers/temp.js';
import { parseCsv } from '../shared/csv.js';
import { dataPath } from '../shared/paths.js';
import { BUNDLED_SCORES_PATH } from './bundled-data.js';
import { loadEditionRows } from './edition-coverage.js';
import { DEFAULT_METHODOLOGY_PATH } from './methodology-loader.js';
import {
  BUNDLED_EVIDENCE_SOURCES_PATH,
  BUNDLED_SOURCES_PATH,
  loadSourceRegistry,
  parseSourceRegistry,
} from './source-registry.js';

const registry = await loadSourceRegistry();
/** The sources of the FOTN figures alone (data/fotn/sources.csv). */
const fotnSources = await loadSourceRegistry(BUNDLED_SOURCES_PATH);

/** Every URL a bundled figure, the methodology or the editions list cites. */
async function citedUrls(): Promise<string[]> {
  const [header, ...rows] = parseCsv(readFileSync(BUNDLED_SCORES_PATH, 'utf8'));
  const col = (name: string) => header!.fields.indexOf(name);
  const fromScores = rows.flatMap((r) => [r.fields[col('source_total')], r.fields[col('source_components')]]);
  const methodology = JSON.parse(readFileSync(DEFAULT_METHODOLOGY_PATH, 'utf8')) as {
    sources: { urls: string[] }[];
    primaryDocument: { url: string };
  };
  const fromMethodology = [...methodology.sources.flatMap((s) => s.urls), methodology.primaryDocument.url];
  const fromEditions = (await loadEditionRows()).map((e) => e.evidenceUrl);
  return [
    ...new Set([...fromScores, ...fromMethodology, ...fromEditions].filter((u): u is string => Boolean(u))),
  ];
}

const PUBLISHER_HOSTS = new Set(['freedomhouse.org', 'www.freedomhouse.org', 'www.freedomonthenet.org']);

describe('the bundled source list', () => {
  it('has every source the bundled data cites', async () => {
    const missing = (await citedUrls()).filter((u) => !registry.has(u));
    expect(missing).toEqual([]);
  });

  it('gives every source a title, a publisher, a date accessed and a verification state ("unknown" when not established)', () => {
    expect(registry.size).toBeGreaterThanOrEqual(44);
    for (const s of registry.values()) {
      for (const field of [s.title, s.publisher, s.accessed]) expect(field.trim(), s.url).not.toBe('');
      expect(s.accessed, s.url).toMatch(/^(\d{4}-\d\d-\d\d|unknown)$/);
      expect(['primary', 'secondary', 'unverified'], s.url).toContain(s.verification);
    }
  });

  it("flags mirrors, news reports and aggregators as secondary, and only Freedom House's own pages as primary", () => {
    for (const s of fotnSources.values()) {
      const own = PUBLISHER_HOSTS.has(new URL(s.url).hostname);
      expect(s.verification === 'primary', s.url).toBe(own);
      if (own)
        expect([s.kind, s.publisher, s.originalPublisher], s.url).toEqual([
          'publisher',
          'Freedom House',
          null,
        ]);
      else {
        expect(['mirror', 'news', 'aggregator'], s.url).toContain(s.kind);
        expect(s.verification, s.url).toBe('secondary');
        expect(s.originalPublisher, s.url).toBe('Freedom House');
      }
    }
    expect(registry.get('https://www.ecoi.net/de/dokument/2116561.html')).toMatchObject({
      verification: 'secondary',
      kind: 'mirror',
      title: 'Freedom on the Net 2024 - Kazakhstan',
    });
    expect(
      registry.get(
        'https://en.orda.kz/kazakhstan-again-labeled-a-not-free-country-for-internet-freedom-9264',
      ),
    ).toMatchObject({
      verification: 'secondary',
      kind: 'news',
    });
  });

  it('refuses a row that leaves a field empty, naming its line', () => {
    const file = join(tempDir(), 'sources.csv');
    const text = readFileSync(dataPath('fotn', 'sources.csv'), 'utf8').split('\n');
    text[2] = text[2]!.replace(',unknown,', ',,');
    writeFileSync(file, text.join('\n'));
    expect(() => parseSourceRegistry(readFileSync(file, 'utf8'), file)).toThrow(`${file}:3`);
  });

  it('reads the evidence list with its publication dates and ids derived from the URL; a list saying a URL twice is refused', async () => {
    const evidence = await loadSourceRegistry(BUNDLED_EVIDENCE_SOURCES_PATH);
    expect(evidence.get('https://ooni.org/post/2024-kazakhstan-report/')).toMatchObject({
      published: '2024-09-19',
      verification: 'primary',
      archiveSha256: null,
      id: expect.stringMatching(/^src-[0-9a-f]{16}$/),
    });
    for (const s of fotnSources.values())
      expect([s.published, s.archiveSha256], s.url).toEqual(['unknown', null]);
    const file = join(tempDir(), 'sources.csv');
    const text = readFileSync(BUNDLED_EVIDENCE_SOURCES_PATH, 'utf8').split('\n');
    writeFileSync(file, [...text.slice(0, 3), text[4]!.replace(',2019-07-23,', ',2019-13,')].join('\n'));
    expect(() => parseSourceRegistry(readFileSync(file, 'utf8'), file)).toThrow(
      `${file}:4: published "2019-13"`,
    );
    writeFileSync(file, [...text.slice(0, 3), text[2]].join('\n'));
    expect(() => parseSourceRegistry(readFileSync(file, 'utf8'), file)).toThrow(/is listed twice/);
  });
});
