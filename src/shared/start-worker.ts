/** Starts worker threads on modules of this code base, compiled or (in tests and tsx runs) TypeScript. */
import { Worker } from 'node:worker_threads';

/** The URL of module `name` (no extension) beside `base` (an import.meta.url), with base's own extension. */
export function siblingModule(base: string, name: string): string {
  const ext = base.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`${name}${ext}`, base).href;
}

/**
 * A worker running `moduleUrl`. TypeScript sources first register tsx's loader inside the worker: Node 20 does
 * not pass a loader registered in the main thread on to workers. Compiled code (dist/) starts directly.
 */
export function startWorker(moduleUrl: string, workerData: unknown): Worker {
  if (!moduleUrl.endsWith('.ts')) return new Worker(new URL(moduleUrl), { workerData });
  const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(moduleUrl)}); })`;
  return new Worker(boot, { eval: true, workerData });
}
