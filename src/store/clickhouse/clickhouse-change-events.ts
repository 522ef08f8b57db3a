/** Change events in ClickHouse: one generation per detection run and country; readers see a run once it is recorded. */
import type { ClickHouseClient } from '@clickhouse/client';
import type { ChangeEvent, MeasurementFilter } from '../measurement-store.js';
import { changesSql } from '../sql/measurement-queries.js';
import { rowToChangeEvent, toSqlTime } from '../sql/measurement-row.js';
import { ClickHouseDialect } from '../sql/sql-dialect.js';
import { query } from './clickhouse-query.js';
import { nextVersion } from './row-version.js';

/** Stores one detection run's events for a country as a new generation, the run recorded last. */
export async function writeChangeEvents(
  client: ClickHouseClient,
  changesTable: string,
  runsTable: string,
  probeCc: string,
  events: ChangeEvent[],
): Promise<void> {
  const generation = nextVersion();
  if (events.length > 0) {
    await client.insert({
      table: changesTable,
      values: events.map((e) => ({
        id: e.id,
        probe_cc: e.probeCc,
        probe_asn: e.probeAsn,
        domain: e.domain,
        kind: e.kind,
        at_time: toSqlTime(e.at),
        score: e.score,
        method: e.method,
        measurement_uids: JSON.stringify(e.measurementUids),
        generation,
      })),
      format: 'JSONEachRow',
    });
  }
  // The run is recorded last: readers see the new generation only once all its events are in.
  await client.insert({
    table: runsTable,
    values: [{ probe_cc: probeCc, generation }],
    format: 'JSONEachRow',
  });
}

/** The events of each country's latest generation that match the filter. */
export async function readChangeEvents(
  client: ClickHouseClient,
  changesTable: string,
  runsTable: string,
  filter: MeasurementFilter,
): Promise<ChangeEvent[]> {
  const runs = await query(
    client,
    `SELECT probe_cc, toString(max(generation)) AS g FROM ${runsTable} GROUP BY probe_cc`,
  );
  if (runs.length === 0) return [];
  const d = new ClickHouseDialect();
  const current = runs.map(
    (r) => `(probe_cc = ${d.value(String(r.probe_cc))} AND generation = ${d.value(Number(r.g))})`,
  );
  const sql = changesSql(d, changesTable.replace(/^.*\./, ''), filter, [`(${current.join(' OR ')})`]);
  // changesSql names the bare table; the events table is not versioned, so read it without FINAL.
  const rows = await query(client, sql.replace(/FROM change_events FINAL/, `FROM ${changesTable}`));
  return rows.map(rowToChangeEvent);
}
