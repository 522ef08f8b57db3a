/**
 * What one submission costs as a store grows: a new record put and committed (duplicate check, INSERT, daily counts)
 * into the loaded store, against the same into an empty store of the same engine, in the same run. Issue 22 sets
 * no goal for it; the duplicate check must not read the whole table, so the loaded store should stay within twice
 * the empty one's. Before ClickHouse's uid index (clickhouse-uid-index.ts) a lone 18.16 server took 43 ms at
 * 1 M rows and 215 ms at 10 M, growing with the table.
 */
import type { MeasurementRecord } from '../../src/store/measurement-store.js';
import { record } from '../../test/store/measurement-fixtures.js';

export const SUBMISSION_GOAL_RATIO = 2;

export type Put = (batch: MeasurementRecord[]) => Promise<unknown>;

/** One engine's figures: p50 into the loaded store, p50 into the empty one, and their ratio. */
export interface SubmissionFigures {
  loaded: number;
  empty: number;
  ratio: number;
}

/** Each put is one fresh record, in a country no query of the benchmark reads. */
export async function timeSubmissions(
  loaded: Put,
  empty: Put,
  time: (fn: () => Promise<unknown>) => Promise<number[]>,
  median: (xs: number[]) => number,
): Promise<SubmissionFigures> {
  const submit = (put: Put) => () => put([record({ probeCc: 'ZZ', domain: 'submitted.example' })]);
  const loadedP50 = median(await time(submit(loaded)));
  const emptyP50 = median(await time(submit(empty)));
  return { loaded: loadedP50, empty: emptyP50, ratio: loadedP50 / emptyP50 };
}
