/** A worker thread of the convert pool: builds its own context once, then converts the jobs it is sent. */
import { parentPort, workerData } from 'node:worker_threads';
import { type ConvertJob, convertJob, packJob } from './convert-items.js';
import type { ContextFactory, PoolSetup } from './convert-pool.js';

const setup = workerData as PoolSetup;
const { createConvertContext } = (await import(setup.contextModule)) as {
  createConvertContext: ContextFactory;
};
const base = await createConvertContext(setup.contextOptions);

parentPort!.on('message', ({ id, job }: { id: number; job: ConvertJob }) => {
  try {
    const { packed, transfer } = packJob(convertJob(job, base));
    parentPort!.postMessage({ id, out: packed }, transfer);
  } catch (err) {
    parentPort!.postMessage({ id, fatal: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
});
parentPort!.postMessage({ ready: true });
