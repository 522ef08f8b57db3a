/** Which Freedom on the Net editions covered a country (data/fotn/fotn-editions.csv) beside the ones bundled here, so a chart can say "not bundled". */
import { readFile } from 'node:fs/promises';
import type { Assessment, EditionCoverage } from '../model/assessment.js';
import { parseCsv } from '../shared/csv.js';
import { InvalidDataError } from '../shared/errors.js';
import { dataPath } from '../shared/paths.js';
import { type SourceRegistry, sourceFor } from './source-registry.js';

export const BUNDLED_EDITIONS_PATH = dataPath('fotn', 'fotn-editions.csv');

/** One row of the editions file. */
export interface EditionRow {
  country: string;
  edition: number;
  covered: EditionCoverage['covered'];
  evidenceUrl: string | null;
  note: string | null;
}

const COLUMNS = ['iso2', 'edition', 'covered', 'evidence_url', 'note'];
const COVERED = ['yes', 'unverified', 'unknown'];

let bundled: Promise<EditionRow[]> | undefined;

/** Reads the editions file (the bundled one once); a malformed row is refused with its line. */
export function loadEditionRows(path = BUNDLED_EDITIONS_PATH): Promise<EditionRow[]> {
  if (path !== BUNDLED_EDITIONS_PATH) return readEditionRows(path);
  bundled ??= readEditionRows(path);
  return bundled;
}

async function readEditionRows(path: string): Promise<EditionRow[]> {
  const [header, ...rows] = parseCsv(await readFile(path, 'utf8'));
  if (!header || header.fields.join(',') !== COLUMNS.join(','))
    throw new InvalidDataError(`${path}:1`, `the header must be ${COLUMNS.join(',')}`);
  return rows
    .filter((r) => !(r.fields.length === 1 && r.fields[0] === ''))
    .map(({ line, fields }) => {
      const [country = '', edition = '', covered = '', url = '', note = ''] = fields;
      if (fields.length !== COLUMNS.length || !/^[A-Z]{2}$/.test(country) || !/^\d{4}$/.test(edition))
        throw new InvalidDataError(`${path}:${line}`, 'expected iso2,edition,covered,evidence_url,note');
      if (!COVERED.includes(covered))
        throw new InvalidDataError(
          `${path}:${line}`,
          `covered "${covered}" is not one of ${COVERED.join(', ')}`,
        );
      return {
        country,
        edition: Number(edition),
        covered: covered as EditionCoverage['covered'],
        evidenceUrl: url || null,
        note: note || null,
      };
    });
}

/**
 * A country's editions as the file lists them, each marked bundled when an assessment with a total is here. A
 * country the file does not list gets an empty list: which editions covered it is not recorded.
 */
export function editionCoverage(
  country: string,
  rows: readonly EditionRow[],
  assessments: readonly Assessment[],
  registry: SourceRegistry,
): EditionCoverage[] {
  const bundled = new Set(
    assessments.filter((a) => a.country === country && a.total !== null).map((a) => a.edition),
  );
  return rows
    .filter((r) => r.country === country)
    .sort((a, b) => a.edition - b.edition)
    .map((r) => ({
      edition: r.edition,
      covered: r.covered,
      evidence: r.evidenceUrl ? sourceFor(r.evidenceUrl, registry) : null,
      note: r.note,
      bundled: bundled.has(r.edition),
    }));
}
