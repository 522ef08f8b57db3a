/**
 * Property-based tests of the CSV readers (fast-check): test lists, the FOTN scores CSV, the surveys CSV and the
 * events CSV, fed the real bundled rows followed by damaged ones. A reader never throws (a test list may be refused
 * whole with its file and line), keeps every untouched row, and reports every problem with its file and a line
 * of the file; the imports into a real DuckDB store do the same, and importing the same file again changes nothing.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseFotnScoresCsv } from '../../src/assessment/fotn-scores-csv.js';
import { importScores } from '../../src/assessment/import-scores.js';
import { loadMethodology } from '../../src/assessment/methodology-loader.js';
import { parseEventsCsv } from '../../src/evidence/events-csv.js';
import { importEvents } from '../../src/evidence/import-events.js';
import { importSurveys } from '../../src/evidence/import-surveys.js';
import { parseSurveysCsv } from '../../src/evidence/survey-csv.js';
import type { Methodology } from '../../src/model/methodology.js';
import type { LintProblem } from '../../src/model/test-list.js';
import { InvalidDataError, NetfreedomError } from '../../src/shared/errors.js';
import { dataPath } from '../../src/shared/paths.js';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.js';
import { readList } from '../../src/test-lists/read-list.js';
import { type GeneratedCsv, generatedCsv, readTable } from '../../testkit/reliability/csv-mutations.js';
import { atLeast, type Figure, none, recordFigures, sized } from '../../testkit/reliability/figures.js';
import { runProperty } from '../../testkit/reliability/property-run.js';
import { testActing } from '../helpers/acting.js';

const RUNS = sized(400, 5000);
const IMPORT_RUNS = sized(40, 500);
const figures: Figure[] = [];
let methodology: Methodology;
let dir: string;
let n = 0;

/** Problems must name the file and a line inside it. */
const located = (problems: LintProblem[], file: string, csv: GeneratedCsv) =>
  problems.every((p) => p.file === file && p.line >= 1 && p.line <= csv.lines);

function write(csv: GeneratedCsv, name: string): string {
  const path = join(dir, `${n++}-${name}`);
  writeFileSync(path, csv.bytes);
  return path;
}

/** Runs a reader's property and records its figures: inputs, crashes, good rows lost, unlocated problems. */
async function readerFigures(
  reader: string,
  table: string,
  check: (csv: GeneratedCsv, file: string) => Promise<{ lost: number; unlocated: number }>,
  runs = RUNS,
  groupColumn?: string,
): Promise<void> {
  let lost = 0;
  let unlocated = 0;
  let goodRows = 0;
  const outcome = await runProperty(
    generatedCsv(readTable(table), groupColumn),
    async (csv) => {
      const file = write(csv, reader.replace(/\W+/g, '-'));
      goodRows += csv.goodLines.length;
      const r = await check(csv, file);
      lost += r.lost;
      unlocated += r.unlocated;
    },
    { runs, clean: () => false },
  );
  const kept = goodRows === 0 ? 100 : (100 * (goodRows - lost)) / goodRows;
  figures.push(
    atLeast(`${reader}: inputs tried`, outcome.tried, runs),
    none(`${reader}: crashes`, outcome.crashes),
    { name: `${reader}: good rows kept`, value: `${kept.toFixed(2)} %`, goal: '100 %', ok: lost === 0 },
    none(`${reader}: problems without file and line`, unlocated),
  );
  expect(outcome.first).toBeNull();
  expect({ lost, seed: outcome.seed }).toEqual({ lost: 0, seed: outcome.seed });
  expect({ unlocated, seed: outcome.seed }).toEqual({ unlocated: 0, seed: outcome.seed });
}

const lostLines = (goodLines: number[], keptLines: number[]) =>
  goodLines.filter((l) => !keptLines.includes(l)).length;

beforeAll(async () => {
  methodology = await loadMethodology();
  dir = mkdtempSync(join(tmpdir(), 'nf-csv-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await recordFigures('bad-input-csv', figures);
});

// The full run's properties take minutes each on a busy machine.
vi.setConfig({ testTimeout: 600_000 });

describe('bad input: CSV readers (fast-check)', () => {
  it('FOTN scores CSV', async () => {
    await readerFigures('FOTN scores CSV', dataPath('fotn', 'fotn-scores.csv'), async (csv, file) => {
      const { rows, problems } = parseFotnScoresCsv(csv.bytes.toString('utf8'), file);
      return {
        lost: lostLines(
          csv.goodLines,
          rows.map((r) => r.line),
        ),
        unlocated: located(problems, file, csv) ? 0 : 1,
      };
    });
  });

  it('events CSV', async () => {
    await readerFigures('events CSV', dataPath('evidence', 'events.csv'), async (csv, file) => {
      const { rows, problems } = parseEventsCsv(csv.bytes.toString('utf8'), file);
      return {
        lost: lostLines(
          csv.goodLines,
          rows.map((r) => r.line),
        ),
        unlocated: located(problems, file, csv) ? 0 : 1,
      };
    });
  });

  it('surveys CSV', async () => {
    const surveys = dataPath('evidence', 'surveys.csv');
    await readerFigures(
      'surveys CSV',
      surveys,
      async (csv, file) => {
        const { surveys, problems } = parseSurveysCsv(csv.bytes.toString('utf8'), file);
        // A survey gathers its rows: an untouched row is kept when its answer is in its survey.
        const header = readTable(dataPath('evidence', 'surveys.csv')).header;
        const cell = (row: string[], column: string) => row[header.indexOf(column)]!.trim();
        const answers = new Set(
          surveys.flatMap((s) =>
            s.survey.questions.flatMap((q) =>
              q.answers.map((a) => `${s.survey.id}|${q.question}|${a.answer}`),
            ),
          ),
        );
        return {
          lost: csv.goodRows.filter(
            (r) => !answers.has(`${cell(r, 'survey_id')}|${cell(r, 'question')}|${cell(r, 'answer')}`),
          ).length,
          unlocated: located(problems, file, csv) ? 0 : 1,
        };
      },
      RUNS,
      'survey_id',
    );
  });

  it('test lists: entries kept, or the list refused whole with its file and line', async () => {
    await readerFigures('test list CSV', dataPath('test-lists', 'kz.csv'), async (csv, file) => {
      try {
        const entries = await readList(file);
        return {
          lost: lostLines(
            csv.goodLines,
            entries.map((e) => e.line),
          ),
          unlocated: 0,
        };
      } catch (err) {
        if (!(err instanceof InvalidDataError)) throw err;
        const line = Number(/:(\d+)$/.exec(err.where)?.[1]);
        return { lost: 0, unlocated: err.where.startsWith(`${file}:`) && line <= csv.lines ? 0 : 1 };
      }
    });
  });

  it('the imports into DuckDB: no crash, problems by file and line, a second import changes nothing', async () => {
    const store = await DuckDbStore.open(':memory:');
    try {
      const imports: [
        string,
        string,
        (file: string) => Promise<{ rejected: LintProblem[]; added: number; updated: number }>,
      ][] = [
        [
          'FOTN scores import',
          dataPath('fotn', 'fotn-scores.csv'),
          (f) => importScores(store, methodology, f, testActing()),
        ],
        ['events import', dataPath('evidence', 'events.csv'), (f) => importEvents(store, methodology, f)],
        ['surveys import', dataPath('evidence', 'surveys.csv'), (f) => importSurveys(store, f)],
      ];
      let changedAgain = 0;
      for (const [name, table, run] of imports) {
        await readerFigures(
          name,
          table,
          async (csv, file) => {
            let first: Awaited<ReturnType<typeof run>>;
            try {
              first = await run(file);
            } catch (err) {
              // Refused whole (in one transaction): clean only as a program error naming the file.
              if (err instanceof NetfreedomError && err.message.includes(file))
                return { lost: 0, unlocated: 0 };
              throw err;
            }
            const again = await run(file);
            changedAgain += again.added + again.updated;
            const refused = first.rejected.map((p) => p.line);
            return {
              lost: csv.goodLines.filter((l) => refused.includes(l)).length,
              unlocated: located(first.rejected, file, csv) ? 0 : 1,
            };
          },
          IMPORT_RUNS,
          name === 'surveys import' ? 'survey_id' : undefined,
        );
      }
      figures.push(none('CSV imports: rows changed by a second import', changedAgain));
      expect(changedAgain).toBe(0);
    } finally {
      await store.close();
    }
  }, 300_000);
});
