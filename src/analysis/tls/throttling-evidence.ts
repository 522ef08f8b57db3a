/** The throttling checks of `x_tls` in words: a throttled transfer or handshake, and a check refused because the probe itself was late. */
import type { EvidenceItem } from '../../model/analysis.js';
import type { WebConnectivityTestKeys } from '../../model/measurement.js';
import type { ThrottlingCheck } from '../../model/verdict.js';
import { evidence } from '../evidence-messages.js';
import { clean } from '../evidence-text.js';
import { arr } from '../web-connectivity/observations.js';

/** One throttled check: how much slower than the control, and over how many bytes when known. */
export function throttledEvidence(t: ThrottlingCheck): EvidenceItem {
  const address = clean(t.address);
  const bytes = t.bytes;
  if (t.slowdown === null || !Number.isFinite(t.slowdown)) {
    return bytes !== null
      ? evidence('throttled_much_bytes', { address, bytes })
      : evidence('throttled_much', { address });
  }
  const factor = { number: t.slowdown, digits: 1 };
  return bytes !== null
    ? evidence('throttled_bytes', { address, factor, bytes })
    : evidence('throttled', { address, factor });
}

/**
 * The throttling checks the probe refused to judge because its own event loop was held while it timed them (the
 * timings looked throttled, the timings less the stall did not): said in words, so an accessible verdict shows why
 * it is not throttling.
 */
export function throttlingNotJudged(tk: WebConnectivityTestKeys): EvidenceItem[] {
  return arr(tk.x_tls?.throttling)
    .filter((t) => t?.not_judged === 'probe_loop_lag' && t.throttled !== true)
    .map((t) =>
      evidence('throttling_not_judged', {
        address: clean(t.address),
        lag: { number: Math.max(num(t.transfer_loop_lag), num(t.handshake_loop_lag)), digits: 2 },
      }),
    );
}

function num(x: unknown): number {
  return typeof x === 'number' && Number.isFinite(x) ? x : 0;
}
