/** A worker thread of the convert pool: builds its own context once, then converts the jobs it is sent. */
import { parentPort, workerData } from 'node:worker_threads';
import { type ConvertJob, convertJob } from './convert-items.js';
import type { ContextFactory, PoolSetup } from './convert-pool.js';

const setup = workerData as PoolSetup;
const { createConvertContext } = (await import(setup.contextModule)) as {
  createConvertContext: ContextFactory;
};
const base = await createConvertContext(setup.contextOptions);

parentPort!.on('message', ({ id, job }: { id: number; job: ConvertJob }) => {
  try {
    const out = convertJob(job, base);
    // The raw object would be cloned field by field; its JSON text crosses as one string.
    for (const r of out.records) {
      r.rawJson ??= JSON.stringify(r.raw);
      r.raw = null;
    }
    parentPort!.postMessage({ id, out });
  } catch (err) {
    parentPort!.postMessage({ id, fatal: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
});
parentPort!.postMessage({ ready: true });
