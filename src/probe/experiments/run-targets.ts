/** Measures the targets of an app test a few at a time, results in the targets' order (records stay comparable run to run). */
import type { ProbeConfig } from '../probe-config.js';
import type { Trace } from '../trace.js';
import { type GetOptions, type GetResult, getTarget } from '../url-getter.js';

/** Targets measured at once: OONI's urlgetter runs a handful in parallel too. */
const PARALLEL = 4;

export interface Target {
  url: string;
  opts?: GetOptions;
}

/** Runs `work` over `items`, at most `parallel` at once, and keeps the items' order. */
export async function inOrder<T, R>(
  items: readonly T[],
  parallel: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, worker));
  return out;
}

/** Measures every target with one trace (transaction ids and times shared by the measurement). */
export function runTargets(cfg: ProbeConfig, trace: Trace, targets: readonly Target[]): Promise<GetResult[]> {
  return inOrder(targets, PARALLEL, (t) => getTarget(cfg, trace, t.url, t.opts));
}
