/** A DuckDB file opened by this process: queries with bound parameters, transactions, and the lock message. */
import {
  type DuckDBConnection,
  DuckDBInstance,
  type DuckDBMaterializedResult,
  type DuckDBPreparedStatement,
  type DuckDBValue,
  JsonDuckDBValueConverter,
} from '@duckdb/node-api';
import { StoreError, StoreLockedError } from '../../shared/errors.js';

export type Row = Record<string, unknown>;
export type Params = DuckDBValue[] | Record<string, DuckDBValue>;

export interface OpenOptions {
  readOnly?: boolean;
}

/** A statement kept by allPrepared(); `busy` while a call has bound its values and runs it. */
interface PreparedEntry {
  sql: string;
  statement: DuckDBPreparedStatement;
  busy: boolean;
}

/** How many prepared statements allPrepared() keeps (the measurement reads have a few dozen shapes). */
const PREPARED_STATEMENTS = 64;

/** One DuckDB file with a single connection; DuckDB lets only one process own a file. */
export class DuckDbDatabase {
  private depth = 0;
  private readonly prepared = new Map<string, PreparedEntry>();

  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
  ) {}

  /** Opens (creating if needed) the file; another process holding it yields a StoreLockedError naming the file. */
  static async open(path: string, options: OpenOptions = {}): Promise<DuckDbDatabase> {
    const config: Record<string, string> = options.readOnly ? { access_mode: 'READ_ONLY' } : {};
    try {
      const instance = await DuckDBInstance.create(path, config);
      const connection = await instance.connect();
      return new DuckDbDatabase(path, instance, connection);
    } catch (err) {
      throw translateOpenError(path, err);
    }
  }

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

  /** Inside transaction(): a statement that fails there rolls back the whole outer transaction. */
  get inTransaction(): boolean {
    return this.depth > 0;
  }

  /** Runs `fn` inside one transaction; nested calls join the outer one. */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.depth > 0) return fn();
    this.depth++;
    await this.connection.run('BEGIN TRANSACTION');
    try {
      const result = await fn();
      await this.connection.run('COMMIT');
      return result;
    } catch (err) {
      await this.connection.run('ROLLBACK');
      throw err;
    } finally {
      this.depth--;
    }
  }

  close(): void {
    for (const sql of [...this.prepared.keys()]) this.forget(sql);
    this.connection.closeSync();
    this.instance.closeSync();
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

function translateOpenError(path: string, err: unknown): Error {
  const message = err instanceof Error ? err.message : String(err);
  if (/Could not set lock on file|Conflicting lock/i.test(message)) {
    const pid = /\(PID (\d+)\)/.exec(message);
    return new StoreLockedError(path, pid ? `PID ${pid[1]}` : '');
  }
  if (/No such file or directory|Cannot open file/i.test(message)) {
    return new StoreError(`cannot open the database ${path}: ${message.split('\n')[0]}`);
  }
  return new StoreError(`cannot open the database ${path}: ${message.split('\n')[0]}`);
}
