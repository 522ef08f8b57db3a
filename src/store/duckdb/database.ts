/**
 * A DuckDB file opened by this process, safe for many concurrent callers: every write goes through one writer
 * connection, one transaction at a time (a WriteLock owned here, not by callers); reads run on their own
 * connections of the same instance, each statement on the last committed state (DuckDB's MVCC), so a read never
 * waits for a write and reads run in parallel.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { DuckDBAppender, DuckDBInstance, DuckDBValue } from '@duckdb/node-api';
import { StoreError, StoreLockedError, UsageError } from '../../shared/errors.js';
import { WriteLock } from '../write-lock.js';
import { duckdb } from './duckdb-api.js';
import { type Params, QueryConnection, type Row } from './query-connection.js';

export type { Params, Row } from './query-connection.js';

export interface OpenOptions {
  readOnly?: boolean;
  /** Reader connections at most (default 4): more concurrent reads wait for one to be free. */
  readers?: number;
  /**
   * DuckDB's `memory_limit` (`8GB`, `512MiB`); by default DuckDB takes 80 % of the machine's memory, which a load
   * of 100 million rows used (20.9 GB of 24).
   */
  memoryLimit?: string;
}

/** A size DuckDB's `memory_limit` reads: a number and a unit of bytes. */
const MEMORY_LIMIT = /^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i;

const DEFAULT_READERS = 4;

/** One DuckDB file: a writer connection behind a lock, and a pool of reader connections. */
export class DuckDbDatabase {
  private readonly lock = new WriteLock();
  /** The reader connection a snapshot() pinned, for the reads made inside it. */
  private readonly pinned = new AsyncLocalStorage<QueryConnection>();
  private readonly idle: QueryConnection[] = [];
  private readonly waiters: ((c: QueryConnection) => void)[] = [];
  private readersOpen = 0;
  private readersBusy = 0;
  private closing: Promise<void> | null = null;

  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    private readonly writer: QueryConnection,
    private readonly maxReaders: number,
  ) {}

  /** Opens (creating if needed) the file; another process holding it yields a StoreLockedError naming the file. */
  static async open(path: string, options: OpenOptions = {}): Promise<DuckDbDatabase> {
    const config: Record<string, string> = options.readOnly ? { access_mode: 'READ_ONLY' } : {};
    if (options.memoryLimit !== undefined) {
      if (!MEMORY_LIMIT.test(options.memoryLimit.trim()))
        throw new UsageError(
          `DuckDB memory limit "${options.memoryLimit}" is not a size: use a number and a unit, e.g. 8GB or 512MiB`,
        );
      config.memory_limit = options.memoryLimit.trim();
    }
    try {
      const instance = await duckdb.DuckDBInstance.create(path, config);
      const writer = new QueryConnection(await instance.connect());
      return new DuckDbDatabase(path, instance, writer, Math.max(1, options.readers ?? DEFAULT_READERS));
    } catch (err) {
      throw translateOpenError(path, err);
    }
  }

  /** Inside transaction(): statements run in that transaction, and one that fails rolls all of it back. */
  get inTransaction(): boolean {
    return this.lock.held;
  }

  /**
   * Runs `fn` as one transaction of the writer, after every write asked for before it. Calls made inside `fn`
   * (writes and reads alike) run in that transaction; nothing else ever joins it. Resolves after the commit.
   */
  transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.lock.held) return fn();
    return this.lock.run(async () => {
      await this.writer.run('BEGIN TRANSACTION');
      let result: T;
      try {
        result = await fn();
      } catch (err) {
        await this.writer.run('ROLLBACK');
        throw err;
      }
      await this.writer.run('COMMIT');
      return result;
    });
  }

  /** Runs a statement that writes: inside the current transaction, else alone (committed when it resolves). */
  async run(sql: string, params?: Params): Promise<void> {
    if (this.lock.held) return this.writer.run(sql, params);
    return this.lock.run(() => this.writer.run(sql, params));
  }

  /** Runs a query; rows as JSON-safe objects (BIGINT as string: cast counts to INTEGER in SQL). */
  all<T extends Row = Row>(sql: string, params?: Params): Promise<T[]> {
    return this.read((c) => c.all<T>(sql, params));
  }

  /** Like all(), through a statement each connection keeps prepared (see QueryConnection.allPrepared). */
  allPrepared<T extends Row = Row>(sql: string, params: DuckDBValue[] = []): Promise<T[]> {
    return this.read((c) => c.allPrepared<T>(sql, params));
  }

  /**
   * Runs several reads on one snapshot (one read transaction of one reader connection), so that they agree with
   * each other whatever commits meanwhile. Inside a write, the reads see that write's own changes instead.
   */
  async snapshot<T>(fn: () => Promise<T>): Promise<T> {
    if (this.lock.held || this.pinned.getStore()) return fn();
    const reader = await this.acquireReader();
    try {
      await reader.run('BEGIN TRANSACTION');
      try {
        return await this.pinned.run(reader, fn);
      } finally {
        await reader.run('ROLLBACK');
      }
    } finally {
      this.releaseReader(reader);
    }
  }

  /** An appender on a table, writing in the current transaction: only inside transaction(). */
  async appender(table: string, schema = 'main', catalog?: string): Promise<DuckDBAppender> {
    if (!this.lock.held) throw new StoreError(`an appender on ${table} outside a transaction`);
    return catalog
      ? this.writer.connection.createAppender(table, schema, catalog)
      : this.writer.connection.createAppender(table, schema);
  }

  /** Waits for the writes queued and the reads running, then closes every connection and the file. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.lock.drain();
      while (this.readersBusy > 0) await new Promise((r) => setTimeout(r, 5));
      for (const reader of this.idle.splice(0)) reader.close();
      this.writer.close();
      this.instance.closeSync();
    })();
    return this.closing;
  }

  /** Where a read runs: the writer inside a write, the pinned reader inside a snapshot, else any free reader. */
  private async read<T>(query: (c: QueryConnection) => Promise<T>): Promise<T> {
    if (this.lock.held) return query(this.writer);
    const pinned = this.pinned.getStore();
    if (pinned) return query(pinned);
    const reader = await this.acquireReader();
    try {
      return await query(reader);
    } finally {
      this.releaseReader(reader);
    }
  }

  private async acquireReader(): Promise<QueryConnection> {
    if (this.closing) throw new StoreError(`the database ${this.path} is closing`);
    this.readersBusy++;
    const free = this.idle.pop();
    if (free) return free;
    if (this.readersOpen < this.maxReaders) {
      this.readersOpen++;
      try {
        return new QueryConnection(await this.instance.connect());
      } catch (err) {
        this.readersOpen--;
        this.readersBusy--;
        throw err;
      }
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Hands the reader to the longest waiting read, or back to the pool (`readersBusy` counts waiters too). */
  private releaseReader(reader: QueryConnection): void {
    this.readersBusy--;
    const next = this.waiters.shift();
    if (next) next(reader);
    else this.idle.push(reader);
  }
}

function translateOpenError(path: string, err: unknown): Error {
  const message = err instanceof Error ? err.message : String(err);
  if (/Could not set lock on file|Conflicting lock/i.test(message)) {
    const pid = /\(PID (\d+)\)/.exec(message);
    return new StoreLockedError(path, pid ? `PID ${pid[1]}` : '');
  }
  return new StoreError(`cannot open the database ${path}: ${message.split('\n')[0]}`);
}
