/** The evidence for a classic web_connectivity verdict, as data: what failed, where, and what the control saw. */
import type { EvidenceItem, EvidenceValue } from '../../model/analysis.js';
import type { WebConnectivityTestKeys } from '../../model/measurement.js';
import { evidence } from '../evidence-messages.js';
import { clean } from '../evidence-text.js';
import type { ClassicKeys } from './classic.js';
import { answerAddrs, arr, isSystemLookup, usableControl } from './observations.js';

const MAX_ADDRS = 4;

/** Reasons for `classic.blocking`/`accessible` from the raw steps (server addresses only). */
export function classicEvidence(tk: WebConnectivityTestKeys, classic: ClassicKeys): EvidenceItem[] {
  const control = usableControl(tk);
  const out: EvidenceItem[] = [];
  const lookups = arr(tk.queries).filter((q) => q && isSystemLookup(q));
  const host = clean(lookups[0]?.hostname ?? '?');
  const controlAddrs = list(arr(control?.dns?.addrs).filter((a) => typeof a === 'string'));
  if (classic.dns_consistency === 'inconsistent') {
    const failed = lookups.find((q) => q.failure);
    const addrs = [...new Set(lookups.flatMap((q) => answerAddrs(q)))];
    out.push(
      failed && addrs.length === 0
        ? evidence('dns_lookup_failed', { host, failure: clean(failed.failure), control_addrs: controlAddrs })
        : evidence('dns_inconsistent', { addrs: list(addrs), host, control_addrs: controlAddrs }),
    );
  }
  const failure = classic.http_experiment_failure;
  switch (classic.blocking) {
    case 'tcp_ip': {
      const tcp = arr(tk.tcp_connect).find((c) => c?.status?.failure);
      out.push(
        evidence('tcp_failed', {
          endpoint: clean(tcp ? `${tcp.ip}:${tcp.port}` : '?'),
          failure: clean(failure),
        }),
      );
      break;
    }
    case 'http-failure':
      out.push(evidence('http_failed', { failure: clean(failure) }));
      break;
    case 'http-diff':
      out.push(
        evidence('http_diff', {
          status_code_match: classic.status_code_match,
          body_length_match: classic.body_length_match,
          body_proportion: { number: classic.body_proportion, digits: 2 },
          headers_match: classic.headers_match,
          title_match: classic.title_match,
        }),
      );
      break;
    case 'dns':
      if (failure && classic.dns_consistency !== 'inconsistent') {
        out.push(evidence('redirect_dns_failed', { failure: clean(failure) }));
      }
      break;
    case false:
      out.push(
        classic.accessible
          ? evidence('page_loaded')
          : failure
            ? evidence('site_down_with', { failure: clean(failure) })
            : evidence('site_down'),
      );
      break;
    default:
      out.push(
        tk.control_failure
          ? evidence('control_failed', { failure: clean(tk.control_failure) })
          : evidence('steps_missing'),
      );
  }
  return out;
}

/** Addresses as a list shown in part: the first few, each made safe to quote, and how many more. */
function list(addrs: readonly string[]): EvidenceValue {
  return { list: addrs.slice(0, MAX_ADDRS).map(clean), more: Math.max(0, addrs.length - MAX_ADDRS) };
}
