/** The one way the ClickHouse stores run a SELECT: JSONEachRow rows, server errors as StoreError. */
import type { ClickHouseClient } from '@clickhouse/client';
import { StoreError } from '../../shared/errors.js';

/** Runs a SELECT and returns its rows; server errors become StoreError with the server's first line. */
export async function query(client: ClickHouseClient, sql: string): Promise<Record<string, unknown>[]> {
  try {
    const rs = await client.query({ query: sql, format: 'JSONEachRow' });
    return (await rs.json()) as Record<string, unknown>[];
  } catch (err) {
    throw new StoreError(`ClickHouse: ${(err as Error).message.split('\n')[0]?.slice(0, 300)}`);
  }
}
