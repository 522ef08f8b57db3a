/** One DuckDB connection with its kept prepared statements, giving rows as JSON-safe objects. */
import type {
  DuckDBConnection,
  DuckDBMaterializedResult,
  DuckDBPreparedStatement,
  DuckDBValue,
} from '@duckdb/node-api';
import { duckdb } from './duckdb-api.js';

const { JsonDuckDBValueConverter } = duckdb;

export type Row = Record<string, unknown>;
export type Params = DuckDBValue[] | Record<string, DuckDBValue>;

/** A statement kept by allPrepared(); `busy` while a call has bound its values and runs it. */
interface PreparedEntry {
  sql: string;
  statement: DuckDBPreparedStatement;
  busy: boolean;
}

/** How many prepared statements a connection keeps (the measurement reads have a few dozen shapes). */
const PREPARED_STATEMENTS = 64;

export class QueryConnection {
  private readonly prepared = new Map<string, PreparedEntry>();

  constructor(readonly connection: DuckDBConnection) {}

  /** Runs a statement with bound parameters. */
  async run(sql: string, params?: Params): Promise<void> {
    await this.connection.run(sql, params);
  }

  /** Runs a query and returns rows as JSON-safe objects (BIGINT as string: cast counts to INTEGER in SQL). */
  async all<T extends Row = Row>(sql: string, params?: Params): Promise<T[]> {
    return jsonRows<T>(await this.connection.run(sql, params));
  }

  /**
   * Like all(), through a prepared statement kept per SQL text: reads repeat a few query shapes with other values,
   * and parsing, binding and planning are about 1 ms of a 3–4 ms aggregation. DuckDB re-binds a kept statement
   * by itself when a table it reads was rebuilt. A statement that another call is running is not shared (binding
   * would overwrite that call's values): this call prepares its own for once.
   */
  async allPrepared<T extends Row = Row>(sql: string, params: DuckDBValue[] = []): Promise<T[]> {
    const kept = this.prepared.get(sql);
    if (kept && !kept.busy) return this.runPrepared<T>(kept, params);
    const entry = { sql, statement: await this.connection.prepare(sql), busy: false };
    if (!this.prepared.has(sql)) {
      if (this.prepared.size >= PREPARED_STATEMENTS) this.forget(this.prepared.keys().next().value!);
      this.prepared.set(sql, entry);
    }
    return this.runPrepared<T>(entry, params);
  }

  private async runPrepared<T extends Row>(entry: PreparedEntry, params: DuckDBValue[]): Promise<T[]> {
    entry.busy = true;
    try {
      entry.statement.bind(params);
      return jsonRows<T>(await entry.statement.run());
    } finally {
      entry.busy = false;
      // A statement used once (another call held the kept one) or evicted meanwhile is released now.
      if (this.prepared.get(entry.sql) !== entry) entry.statement.destroySync();
    }
  }

  /** Drops a kept statement; one that is running is released by runPrepared when it ends. */
  private forget(sql: string): void {
    const entry = this.prepared.get(sql);
    this.prepared.delete(sql);
    if (entry && !entry.busy) entry.statement.destroySync();
  }

  close(): void {
    for (const sql of [...this.prepared.keys()]) this.forget(sql);
    this.connection.closeSync();
  }
}

/**
 * A materialized result's rows as JSON-safe objects (what DuckDBResultReader.getRowObjectsJson gives), read from
 * its chunks synchronously: the reader fetches each chunk through the thread pool, a round trip per chunk that a
 * busy machine makes cost milliseconds.
 */
function jsonRows<T extends Row>(result: DuckDBMaterializedResult): T[] {
  const names = result.deduplicatedColumnNames();
  const rows: Row[] = [];
  for (let c = 0; c < result.chunkCount; c++) {
    const chunk = result.getChunk(c);
    for (let i = 0; i < chunk.rowCount; i++) {
      const row: Row = {};
      chunk.visitRowValues(i, (value, _row, column, type) => {
        row[names[column]!] = JsonDuckDBValueConverter(value, type, JsonDuckDBValueConverter);
      });
      rows.push(row);
    }
  }
  return rows as T[];
}
