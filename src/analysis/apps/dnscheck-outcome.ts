/**
 * netfreedom's outcome for its own `dnscheck` measurements. OONI's fastpath does not score dnscheck (every one counts
 * as a failure); netfreedom's probe also asks its control for the domain's addresses (`x_control_addrs`), so its
 * measurements can be judged: an anomaly when the resolver's name did not resolve, a lookup through it failed, or
 * an answer disagrees with the control's; ok when every lookup answered consistently. OONI's dnscheck
 * measurements (no `x_control_addrs`) keep fastpath's failure.
 */
import type { OutcomeFlags } from '../outcome.js';

type Tk = Record<string, unknown>;

/** True for a dnscheck measurement made by netfreedom's probe (it carries the control's answer). */
export function hasControlComparison(tk: Tk): boolean {
  return 'x_control_addrs' in tk;
}

export function dnscheckOutcomeFlags(tk: Tk): OutcomeFlags {
  const lookups = Object.values(obj(tk.lookups)).map(obj);
  const unknown = lookups.some(
    (l) => typeof l.failure === 'string' && l.failure.startsWith('unknown_failure'),
  );
  if (unknown || (lookups.length === 0 && !tk.bootstrap_failure))
    return { anomaly: false, confirmed: false, failure: true };
  const blocked =
    Boolean(tk.bootstrap_failure) ||
    lookups.some((l) => l.failure !== null && l.failure !== undefined) ||
    lookups.some((l) => l.x_consistent_with_control === false);
  return { anomaly: blocked, confirmed: false, failure: false };
}

function obj(v: unknown): Tk {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Tk) : {};
}
