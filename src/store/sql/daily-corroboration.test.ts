import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeasurementFilter } from '../measurement-store.js';
import { dailyCorroboratedSitesSql } from './daily-counts-queries.js';
import { DuckDbDialect } from './sql-dialect.js';

/**
 * Daily cells of untrusted confirmations, as the engines keep them: rows of partial sums, a re-analysis leaving a
 * negative row beside the one it corrects. The candidate sites (rows whose counts are not both zero) must give the
 * same corroborated sites as grouping every cell.
 */
const ROWS: [
  cc: string,
  domain: string,
  reporter: string | null,
  asn: string,
  day: string,
  c: number,
  tls: number,
][] = [
  // a.example: three reporters, networks and days confirm it, one of them through TLS only: corroborated.
  ['KZ', 'a.example', 'r1', 'AS1', '2024-01-01', 1, 0],
  ['KZ', 'a.example', 'r2', 'AS2', '2024-01-02', 0, 1],
  ['KZ', 'a.example', 'r3', 'AS3', '2024-01-03', 2, 0],
  ['KZ', 'a.example', 'r4', 'AS4', '2024-01-04', 0, 0], // an accessible cell of the same site
  // b.example: a second reporter's confirmation was re-analysed away (+1 then −1): one confirming cell is left.
  ['KZ', 'b.example', 'r1', 'AS1', '2024-01-01', 1, 0],
  ['KZ', 'b.example', 'r2', 'AS2', '2024-01-02', 1, 0],
  ['KZ', 'b.example', 'r2', 'AS2', '2024-01-02', -1, 0],
  // c.example: only cells that confirm nothing, over many reporters, networks and days.
  ['KZ', 'c.example', 'r1', 'AS1', '2024-01-01', 0, 0],
  ['KZ', 'c.example', 'r2', 'AS2', '2024-01-02', 0, 0],
  ['KZ', 'c.example', null, 'AS3', '2024-01-03', 0, 0],
  // d.example in RU: two confirmations from one reporter only (no reporter and an empty one are the same).
  ['RU', 'd.example', null, 'AS5', '2024-02-01', 1, 0],
  ['RU', 'd.example', '', 'AS6', '2024-02-02', 1, 0],
  // e.example: a trusted import's confirmations never count here.
  ['RU', 'e.example', 'r1', 'AS5', '2024-02-01', 1, 0],
  ['RU', 'e.example', 'r2', 'AS6', '2024-02-02', 1, 0],
];

let instance: DuckDBInstance;
/** Runs the SQL that `build` writes with a fresh dialect, with the values it bound. */
const rows = async (build: (d: DuckDbDialect) => string) => {
  const d = new DuckDbDialect();
  const sql = build(d);
  const connection = await instance.connect();
  const result = await connection.runAndReadAll(sql, d.params as never);
  connection.closeSync();
  return result.getRowObjectsJson().map((r) => `${r.probe_cc} ${r.domain}`);
};

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(`CREATE TABLE daily (probe_cc VARCHAR, domain VARCHAR, reporter VARCHAR, probe_asn VARCHAR,
    start_day DATE, origin VARCHAR, simulated BOOLEAN, confirmed_count BIGINT, tls_confirmed_count BIGINT)`);
  const values = ROWS.map(
    ([cc, domain, reporter, asn, day, c, tls]) =>
      `('${cc}', '${domain}', ${reporter === null ? 'NULL' : `'${reporter}'`}, '${asn}', DATE '${day}', '${domain === 'e.example' ? 'import' : 'anonymous'}', false, ${c}, ${tls})`,
  );
  await connection.run(`INSERT INTO daily VALUES ${values.join(', ')}`);
  connection.closeSync();
});
afterAll(() => instance.closeSync());

describe('corroborated sites from the daily counts, with candidate sites first', () => {
  const filters: MeasurementFilter[] = [{}, { probeCc: ['KZ'] }, { domain: ['b.example', 'c.example'] }];

  it.each(filters)('answer as grouping every cell does (%j)', async (f) => {
    const every = await rows((d) => dailyCorroboratedSitesSql(d, 'daily', f));
    expect(await rows((d) => dailyCorroboratedSitesSql(d, 'daily', f, undefined, 'daily'))).toEqual(every);
  });

  it('find the corroborated site and only it', async () => {
    const build = (d: DuckDbDialect) => dailyCorroboratedSitesSql(d, 'daily', {}, undefined, 'daily');
    expect(build(new DuckDbDialect())).toContain('IN (SELECT probe_cc, domain FROM');
    expect(await rows(build)).toEqual(['KZ a.example']);
  });
});
