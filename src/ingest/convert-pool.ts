/** Worker threads that convert ingest jobs in parallel, so parsing and judging use every core. */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { siblingModule, startWorker } from '../shared/start-worker.js';
import { type ConvertedJob, type ConvertJob, type PackedJob, unpackJob } from './convert-items.js';
import type { ConvertContext, SourceOption } from './record-fields.js';

/** What a worker needs to build its context: plain data, since functions cannot cross threads. */
export interface ContextOptions {
  source: SourceOption;
  simulated?: boolean;
}

/** Exported as `createConvertContext` by the module a pool is given: builds the analyzer and lookups. */
export type ContextFactory = (options: ContextOptions) => Promise<Omit<ConvertContext, 'fileName'>>;

export interface PoolSetup {
  /** URL of a module exporting `createConvertContext` (a ContextFactory). */
  contextModule: string;
  contextOptions: ContextOptions;
}

/** Inputs smaller than this are converted on the calling thread: starting workers would cost more. */
export const WORKER_THRESHOLD_BYTES = 16 * 1024 * 1024;

/**
 * With this many cores or fewer, workers are not worth it: the writing thread and DuckDB's own threads keep both
 * busy, and handing records across threads costs more than it frees (1,000,000 records on 2 cores: 134.9 s
 * without a worker, 194.3 s with one).
 */
export const MIN_CORES_FOR_WORKERS = 3;

/** Worker threads worth starting for `bytes` of input on `cores` cores: one per core but the one that writes. */
export function defaultWorkerCount(bytes: number, cores = availableParallelism()): number {
  return bytes < WORKER_THRESHOLD_BYTES || cores < MIN_CORES_FOR_WORKERS ? 0 : cores - 1;
}

/** Resolves when the worker says it is ready; rejects if it fails or stops first. */
function ready(w: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (err?: Error) => {
      w.off('message', onMessage).off('error', done).off('exit', onExit);
      if (err) reject(err);
      else resolve();
    };
    const onMessage = () => done();
    const onExit = (code: number) =>
      done(new Error(`a convert worker stopped while starting (exit code ${code})`));
    w.on('message', onMessage).on('error', done).on('exit', onExit);
  });
}

interface Pending {
  resolve: (out: ConvertedJob) => void;
  reject: (err: Error) => void;
  worker: Worker;
}

type Reply = { ready: true } | { id: number; out: PackedJob } | { id: number; fatal: string };

export class ConvertPool {
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();
  private readonly busy = new Map<Worker, number>();
  private failure: Error | null = null;
  private closing = false;

  private constructor(private readonly workers: Worker[]) {
    for (const w of workers) {
      this.busy.set(w, 0);
      w.on('message', (m: Reply) => this.settle(m));
      w.on('error', (err) => this.fail(w, err));
      w.on('exit', (code) => this.fail(w, new Error(`a convert worker stopped (exit code ${code})`)));
    }
  }

  /** Starts `count` workers and waits until each has built its context. */
  static async start(count: number, setup: PoolSetup): Promise<ConvertPool> {
    const url = siblingModule(import.meta.url, './convert-worker');
    const workers = Array.from({ length: count }, () => startWorker(url, setup));
    try {
      await Promise.all(workers.map(ready));
    } catch (err) {
      await Promise.all(workers.map((w) => w.terminate()));
      throw err;
    }
    return new ConvertPool(workers);
  }

  /** Converts a job on the least busy worker. */
  convert(job: ConvertJob): Promise<ConvertedJob> {
    if (this.failure) return Promise.reject(this.failure);
    let worker = this.workers[0]!;
    for (const w of this.workers) if (this.busy.get(w)! < this.busy.get(worker)!) worker = w;
    const id = this.nextId++;
    this.busy.set(worker, this.busy.get(worker)! + 1);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, worker });
      worker.postMessage({ id, job });
    });
  }

  private settle(m: Reply): void {
    if ('ready' in m) return;
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    this.busy.set(p.worker, this.busy.get(p.worker)! - 1);
    if ('fatal' in m) p.reject(new Error(`converting failed in a worker: ${m.fatal}`));
    else p.resolve(unpackJob(m.out));
  }

  private fail(worker: Worker, err: Error): void {
    if (this.closing) return;
    this.failure ??= err;
    for (const [id, p] of this.pending) {
      if (p.worker !== worker) continue;
      this.pending.delete(id);
      p.reject(err);
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
