/**
 * `tor` (OONI ts-023, probe-cli 0.4.0): each directory authority's OR port (a TLS handshake, the relay's
 * self-signed certificate recorded but not verified) and directory port (a GET of the consensus, 256 bytes kept),
 * and each bridge of `--targets`. An obfs4 bridge gets a TCP connect only: its handshake needs the obfs4 protocol,
 * which netfreedom does not implement; the target says so (`x_note`). A bridge's address is private: it is
 * scrubbed from the measurement, and its key is a hash of its line.
 */
import type { TorTargetResult, TorTestKeys } from '../../../model/app-test-keys.js';
import { scrubAddress } from '../../../shared/scrub-address.js';
import { Trace } from '../../trace.js';
import type { GetResult } from '../../url-getter.js';
import { loadEndpoints } from '../endpoints.js';
import type { Experiment } from '../experiment.js';
import { runTargets } from '../run-targets.js';
import { TOR_ENDPOINTS, type TorTarget, torTargets } from './tor-targets.js';

const OBFS4_NOTE =
  'obfs4 measured as a TCP connect: netfreedom does not implement the obfs4 handshake (a censor that lets the connect through and blocks the handshake is not seen)';
const CONSENSUS = '/tor/status-vote/current/consensus.z';

export const tor: Experiment<TorTestKeys> = {
  name: 'tor',
  version: '0.4.0',
  suite: 'circumvention',
  summary:
    "Tor: the directory authorities' OR port (TLS) and directory port (consensus), and bridges from --targets (obfs4: TCP connect)",
  needsControl: false,
  takesInput: false,
  defaultInputs: () => [],
  async measure(_input, ctx) {
    const { value } = loadEndpoints('tor.json', TOR_ENDPOINTS, ctx.targets);
    const targets = torTargets(value);
    const trace = new Trace();
    const results = await runTargets(
      ctx.cfg,
      trace,
      targets.map((t) => ({ url: targetUrl(t), opts: targetOptions(t) })),
    );
    const keyed: Record<string, TorTargetResult> = {};
    targets.forEach((t, i) => {
      keyed[t.key] = targetResult(t, results[i]!);
    });
    return {
      testKeys: { ...counts(Object.values(keyed)), targets: keyed },
      runtimeSeconds: trace.now(),
      clientIp: null,
      usedControl: false,
    };
  },
};

function targetUrl(t: TorTarget): string {
  if (t.protocol === 'dir_port') return `http://${t.address}${CONSENSUS}`;
  if (t.protocol === 'obfs4') return `tcpconnect://${t.address}`;
  return `tlshandshake://${t.address}`;
}

function targetOptions(t: TorTarget) {
  if (t.protocol === 'dir_port') return { http: { maxBodyBytes: 256 } };
  return { tls: { verify: false } };
}

/** OONI's TargetResults: the steps, the failure, and the summary its UI reads. */
function targetResult(t: TorTarget, r: GetResult): TorTargetResult {
  const orPort = t.protocol === 'or_port' || t.protocol === 'or_port_dirauth';
  const failure = r.failure;
  const requests = r.requests ?? [];
  const summary: TorTargetResult['summary'] = {};
  const firstConnect = r.tcp_connect?.[0];
  if (firstConnect) {
    summary.connect = { failure: firstConnect.status.failure };
    if (t.protocol === 'obfs4') summary.handshake = { failure };
    else if (orPort && r.tls_handshakes?.[0]) summary.handshake = { failure: r.tls_handshakes[0].failure };
  }
  const result: TorTargetResult = {
    agent: 'redirect',
    failure,
    network_events: orPort
      ? (r.network_events ?? []).filter((e) => !e.operation.startsWith('http_'))
      : r.network_events,
    queries: null,
    requests: requests.length > 0 ? requests : null,
    summary,
    target_address: t.source ? '[scrubbed]' : t.address,
    ...(t.name ? { target_name: t.name } : {}),
    target_protocol: t.protocol,
    ...(t.source ? { target_source: t.source } : {}),
    tcp_connect: r.tcp_connect,
    tls_handshakes: orPort ? r.tls_handshakes : null,
    ...(t.protocol === 'obfs4' ? { x_note: OBFS4_NOTE } : {}),
  };
  return t.source ? scrubAddress(result, t.ip) : result;
}

function counts(results: TorTargetResult[]): Omit<TorTestKeys, 'targets'> {
  const total = (p: TorTargetResult['target_protocol']) => results.filter((r) => r.target_protocol === p);
  const ok = (p: TorTargetResult['target_protocol']) => total(p).filter((r) => r.failure === null).length;
  return {
    dir_port_total: total('dir_port').length,
    dir_port_accessible: ok('dir_port'),
    obfs4_total: total('obfs4').length,
    obfs4_accessible: ok('obfs4'),
    or_port_dirauth_total: total('or_port_dirauth').length,
    or_port_dirauth_accessible: ok('or_port_dirauth'),
    or_port_total: total('or_port').length,
    or_port_accessible: ok('or_port'),
  };
}
