/**
 * The surveys CSV: `country,edition,survey_id,question,answer,share,sample_size,fieldwork_start,fieldwork_end,
 * method,source_url` (and optionally `population`), one answer a row; a share is a fraction (0.58) or a
 * percentage (58%). A survey's rows must agree on what describes the survey, a question's rows on its sample size.
 */
import type { Survey } from '../model/evidence.js';
import type { LintProblem } from '../model/test-list.js';
import { isIsoDate } from '../shared/dates.js';
import { type CsvRow, readCsvRows, urlList } from './evidence-csv.js';

export const SURVEY_COLUMNS = [
  'country',
  'edition',
  'survey_id',
  'question',
  'answer',
  'share',
  'sample_size',
  'fieldwork_start',
  'fieldwork_end',
  'method',
  'source_url',
] as const;
export const SURVEY_OPTIONAL_COLUMNS = ['population'] as const;

/** A survey built from its rows, the URL of its source, and the line of its first row. */
export interface SurveyRows {
  line: number;
  survey: Omit<Survey, 'sourceIds'>;
  sourceUrl: string;
}

/** Reads the file into surveys; a row that cannot be read, or contradicts its survey's earlier rows, is a problem. */
export function parseSurveysCsv(
  text: string,
  file: string,
): { surveys: SurveyRows[]; problems: LintProblem[] } {
  const read = readCsvRows(text, file, SURVEY_COLUMNS, SURVEY_OPTIONAL_COLUMNS);
  const problems = [...read.problems];
  const byId = new Map<string, SurveyRows>();
  for (const row of read.rows) {
    try {
      addRow(byId, row);
    } catch (err) {
      problems.push({ file, line: row.line, reason: (err as Error).message });
    }
  }
  return { surveys: [...byId.values()], problems };
}

function addRow(byId: Map<string, SurveyRows>, row: CsvRow): void {
  const id = row.cell('survey_id');
  const country = row.cell('country').toUpperCase();
  if (!/^[A-Z]{2}$/.test(country))
    throw new Error(`country "${row.cell('country')}" is not a two-letter code`);
  const edition = row.cell('edition');
  if (!/^\d{4}$/.test(edition)) throw new Error(`edition "${edition}" is not a year`);
  const question = row.cell('question');
  const answer = row.cell('answer');
  if (!question) throw new Error('question is empty');
  if (!answer) throw new Error('answer is empty');
  const share = parseShare(row.cell('share'));
  const sampleSize = parseSampleSize(row.cell('sample_size'));
  const urls = urlList(row.cell('source_url'), 'source_url');
  if (urls.length !== 1)
    throw new Error('source_url must be one http(s) URL: a survey without a source is refused');
  const describe = {
    country,
    edition: Number(edition),
    method: row.cell('method') || null,
    population: row.cell('population') || null,
    fieldworkStart: date(row.cell('fieldwork_start'), 'fieldwork_start'),
    fieldworkEnd: date(row.cell('fieldwork_end'), 'fieldwork_end'),
  };
  let entry = byId.get(id);
  if (!entry) {
    entry = { line: row.line, survey: { id, ...describe, questions: [] }, sourceUrl: urls[0]! };
    byId.set(id, entry);
  } else {
    const { questions: _, id: __, ...earlier } = entry.survey;
    for (const [key, value] of Object.entries(describe))
      if (earlier[key as keyof typeof earlier] !== value)
        throw new Error(`${column(key)} differs from survey ${id}'s on line ${entry.line}`);
    if (urls[0] !== entry.sourceUrl)
      throw new Error(`source_url differs from survey ${id}'s on line ${entry.line}`);
  }
  let q = entry.survey.questions.find((x) => x.question === question);
  if (!q) {
    q = { question, sampleSize, answers: [] };
    entry.survey.questions.push(q);
  } else if (q.sampleSize !== sampleSize)
    throw new Error(`sample_size differs from the question's other answers`);
  if (q.answers.some((a) => a.answer === answer))
    throw new Error(`answer "${answer}" is given twice for this question`);
  q.answers.push({ answer, share });
}

/** 0.58, 58%, 58 % → 0.58; a number over 1 without a percent sign is refused rather than guessed. */
export function parseShare(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(%?)$/.exec(text);
  if (!m) throw new Error(`share "${text}" is neither a fraction (0.58) nor a percentage (58%)`);
  const value = m[2] ? Number(m[1]) / 100 : Number(m[1]);
  if (!m[2] && value > 1)
    throw new Error(`share "${text}" is above 1: write a fraction (0.58) or a percentage (58%)`);
  if (value > 1) throw new Error(`share "${text}" is above 100%`);
  return Math.round(value * 1e6) / 1e6;
}

function parseSampleSize(text: string): number | null {
  if (text === '') return null;
  const clean = text.replace(/[,_ ]/g, '');
  if (!/^\d+$/.test(clean) || Number(clean) < 1)
    throw new Error(`sample_size "${text}" is not a positive integer`);
  return Number(clean);
}

function date(value: string, name: string): string | null {
  if (value === '') return null;
  if (!isIsoDate(value)) throw new Error(`${name} "${value}" is not a YYYY-MM-DD date`);
  return value;
}

function column(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
