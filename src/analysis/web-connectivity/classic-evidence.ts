/** Plain-English evidence for a classic web_connectivity verdict: what failed, where, and what the control saw. */
import type { WebConnectivityTestKeys } from '../../model/measurement.js';
import { clean } from '../evidence-text.js';
import type { ClassicKeys } from './classic.js';
import { answerAddrs, arr, isSystemLookup, usableControl } from './observations.js';

const MAX_ADDRS = 4;

/** Sentences explaining `classic.blocking`/`accessible` from the raw steps (server addresses only). */
export function classicEvidence(tk: WebConnectivityTestKeys, classic: ClassicKeys): string[] {
  const control = usableControl(tk);
  const out: string[] = [];
  const lookups = arr(tk.queries).filter((q) => q && isSystemLookup(q));
  const host = clean(lookups[0]?.hostname ?? '?');
  const thAddrs = arr(control?.dns?.addrs).filter((a) => typeof a === 'string');
  if (classic.dns_consistency === 'inconsistent') {
    const failed = lookups.find((q) => q.failure);
    const addrs = [...new Set(lookups.flatMap((q) => answerAddrs(q)))];
    if (failed && addrs.length === 0) {
      out.push(
        `The DNS lookup of ${host} failed with ${clean(failed.failure)} while the control resolved it to ${list(thAddrs)}.`,
      );
    } else {
      out.push(
        `The resolver answered ${list(addrs)} for ${host}; the control resolved ${list(thAddrs)} (no address or network in common).`,
      );
    }
  }
  const failure = classic.http_experiment_failure;
  switch (classic.blocking) {
    case 'tcp_ip': {
      const tcp = arr(tk.tcp_connect).find((c) => c?.status?.failure);
      out.push(
        `TCP connect to ${clean(tcp ? `${tcp.ip}:${tcp.port}` : '?')} failed with ${clean(failure)}; the control connected to the same address.`,
      );
      break;
    }
    case 'http-failure':
      out.push(`Fetching the page failed with ${clean(failure)} while the control fetched it.`);
      break;
    case 'http-diff':
      out.push(
        `The page differs from the control's: status code match ${fmt(classic.status_code_match)}, body length match ${fmt(classic.body_length_match)} (proportion ${classic.body_proportion.toFixed(2)}), uncommon headers in common ${fmt(classic.headers_match)}, title match ${fmt(classic.title_match)}.`,
      );
      break;
    case 'dns':
      if (failure && classic.dns_consistency !== 'inconsistent') {
        out.push(
          `Resolving a host of the redirect chain failed with ${clean(failure)} while the control fetched the page.`,
        );
      }
      break;
    case false:
      out.push(
        classic.accessible
          ? 'The page loaded as the control saw it (or over verified HTTPS).'
          : `The site looks down: the control failed the same way${failure ? ` (${clean(failure)})` : ''}.`,
      );
      break;
    default:
      out.push(
        tk.control_failure
          ? `No verdict: the control (test helper) failed with ${clean(tk.control_failure)}.`
          : 'No verdict: the measurement lacks the steps or the control data needed to decide.',
      );
  }
  return out;
}

function list(addrs: readonly string[]): string {
  if (addrs.length === 0) return 'nothing';
  const shown = addrs.slice(0, MAX_ADDRS).map(clean).join(', ');
  return addrs.length > MAX_ADDRS ? `${shown} and ${addrs.length - MAX_ADDRS} more` : shown;
}

function fmt(v: boolean | null): string {
  return v === null ? 'unknown' : v ? 'yes' : 'no';
}
