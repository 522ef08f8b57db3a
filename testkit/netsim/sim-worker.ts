/** Runs the simulated Internet in a worker thread (so a benchmark's probe has the main thread to itself). */
import { parentPort, workerData } from 'node:worker_threads';
import { startSimulatedInternet } from './simulated-internet.js';

const sim = await startSimulatedInternet({ latencyMs: (workerData as { latencyMs: number }).latencyMs });
parentPort!.postMessage(await sim.snapshot());
parentPort!.once('message', async () => {
  await sim.close();
  process.exit(0);
});
