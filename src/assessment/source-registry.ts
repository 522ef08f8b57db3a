/**
 * The bundled lists of sources (data/fotn/sources.csv, data/evidence/sources.csv): what could be established about
 * each cited page, 'unknown' for the rest.
 */
import { readFile } from 'node:fs/promises';
import { type Source, type SourceKind, type SourceVerification, UNKNOWN } from '../model/assessment.js';
import { CsvSyntaxError, parseCsv } from '../shared/csv.js';
import { isIsoDate } from '../shared/dates.js';
import { InvalidDataError } from '../shared/errors.js';
import { dataPath } from '../shared/paths.js';
import { isPartialDate, sourceId } from '../shared/source-id.js';

export const BUNDLED_SOURCES_PATH = dataPath('fotn', 'sources.csv');
/** The sources of the country evidence (events, key developments, surveys, recommendations). */
export const BUNDLED_EVIDENCE_SOURCES_PATH = dataPath('evidence', 'sources.csv');

const COLUMNS = [
  'url',
  'title',
  'publisher',
  'accessed',
  'verification',
  'kind',
  'original_publisher',
  'note',
];
/** Columns a list may add after COLUMNS (data/fotn/sources.csv predates them: its sources read 'unknown' and null). */
const LATER_COLUMNS = ['published', 'archive_sha256'];
const VERIFICATIONS: SourceVerification[] = ['primary', 'secondary', 'unverified'];
const KINDS: SourceKind[] = ['publisher', 'mirror', 'news', 'aggregator', 'unknown'];

/** Sources by URL. */
export type SourceRegistry = ReadonlyMap<string, Source>;

/**
 * Parses the list; a row with an empty title, publisher, accessed, verification or kind is refused with its line
 * (a fact that could not be established is written `unknown`, never left out).
 */
export function parseSourceRegistry(text: string, file: string): SourceRegistry {
  let records: ReturnType<typeof parseCsv>;
  try {
    records = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw new InvalidDataError(`${file}:${err.line}`, err.reason);
    throw err;
  }
  const [header, ...rows] = records;
  const columns = header?.fields.join(',');
  const full = [...COLUMNS, ...LATER_COLUMNS];
  if (columns !== COLUMNS.join(',') && columns !== full.join(',')) {
    throw new InvalidDataError(
      `${file}:1`,
      `the header must be ${COLUMNS.join(',')}[,${LATER_COLUMNS.join(',')}]`,
    );
  }
  const width = header!.fields.length;
  const out = new Map<string, Source>();
  for (const { line, fields } of rows) {
    if (fields.length === 1 && fields[0] === '') continue;
    const where = `${file}:${line}`;
    if (fields.length !== width)
      throw new InvalidDataError(where, `expected ${width} columns, found ${fields.length}`);
    const [
      url,
      title,
      publisher,
      accessed,
      verification,
      kind,
      original,
      note,
      published = UNKNOWN,
      sha = '',
    ] = fields.map((f) => f.trim()) as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string?,
      string?,
    ];
    const empty = ['title', 'publisher', 'accessed', 'verification', 'kind'].filter(
      (_, i) => [title, publisher, accessed, verification, kind][i] === '',
    );
    if (empty.length > 0)
      throw new InvalidDataError(where, `${empty.join(', ')} empty: write "unknown" instead`);
    if (!/^https?:\/\/\S+$/.test(url)) throw new InvalidDataError(where, `"${url}" is not an http(s) URL`);
    if (accessed !== UNKNOWN && !isIsoDate(accessed))
      throw new InvalidDataError(where, `accessed "${accessed}" is neither a YYYY-MM-DD date nor "unknown"`);
    if (!VERIFICATIONS.includes(verification as SourceVerification))
      throw new InvalidDataError(
        where,
        `verification "${verification}" is not one of ${VERIFICATIONS.join(', ')}`,
      );
    if (!KINDS.includes(kind as SourceKind))
      throw new InvalidDataError(where, `kind "${kind}" is not one of ${KINDS.join(', ')}`);
    if (published !== UNKNOWN && !isPartialDate(published))
      throw new InvalidDataError(
        where,
        `published "${published}" is neither YYYY-MM-DD, YYYY-MM, YYYY nor "unknown"`,
      );
    if (sha && !/^[0-9a-f]{64}$/.test(sha))
      throw new InvalidDataError(where, `archive_sha256 "${sha}" is not 64 lower-case hex digits`);
    if (out.has(url)) throw new InvalidDataError(where, `${url} is listed twice`);
    out.set(url, {
      id: sourceId(url),
      url,
      title,
      publisher,
      accessed,
      published,
      archiveSha256: sha || null,
      verification: verification as SourceVerification,
      kind: kind as SourceKind,
      originalPublisher: original || null,
      note: note || null,
    });
  }
  return out;
}

let bundled: Promise<SourceRegistry> | undefined;

/**
 * Loads the bundled lists, both files as one (once), or the one list at `path`. A URL listed in both bundled
 * files is refused with the second file's name.
 */
export function loadSourceRegistry(path?: string): Promise<SourceRegistry> {
  const load = async (p: string) => parseSourceRegistry(await readFile(p, 'utf8'), p);
  if (path !== undefined) return load(path);
  bundled ??= (async () => {
    const merged = new Map(await load(BUNDLED_SOURCES_PATH));
    for (const [url, source] of await load(BUNDLED_EVIDENCE_SOURCES_PATH)) {
      if (merged.has(url))
        throw new InvalidDataError(
          BUNDLED_EVIDENCE_SOURCES_PATH,
          `${url} is already in ${BUNDLED_SOURCES_PATH}`,
        );
      merged.set(url, source);
    }
    return merged;
  })();
  return bundled;
}

/**
 * A URL as a source: the list's entry, or for a URL the list does not have, one that says nothing is established
 * about it (unverified, every other fact unknown) rather than leaving the fields out.
 */
export function sourceFor(url: string, registry: SourceRegistry): Source {
  return (
    registry.get(url) ?? {
      id: sourceId(url),
      url,
      title: UNKNOWN,
      publisher: UNKNOWN,
      accessed: UNKNOWN,
      published: UNKNOWN,
      archiveSha256: null,
      verification: 'unverified',
      kind: 'unknown',
      originalPublisher: null,
      note: 'not in the bundled source lists (data/fotn/sources.csv, data/evidence/sources.csv); nothing about it was checked',
    }
  );
}

/** The best verification among sources: primary over secondary over unverified; null when there are none. */
export function bestVerification(sources: readonly Source[]): SourceVerification | null {
  if (sources.length === 0) return null;
  for (const v of VERIFICATIONS) if (sources.some((s) => s.verification === v)) return v;
  return 'unverified';
}
