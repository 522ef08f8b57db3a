/**
 * `stunreachability` (OONI ts-025, probe-cli 0.4.0): one STUN server per measurement (the input, `stun://host:port`):
 * its name resolved, then a binding request over UDP. The answer names the probe's own public address, so only
 * whether and when it came is kept (`x_rtt`).
 */
import { z } from 'zod';
import type { StunReachabilityTestKeys } from '../../../model/app-test-keys.js';
import type { NetworkEvent } from '../../../model/measurement.js';
import { ipVersion } from '../../../netx/ip-literal.js';
import { stunBinding } from '../../../netx/stun-binding.js';
import { InvalidInputError } from '../../../shared/errors.js';
import { joinHostPort } from '../../../shared/host-port.js';
import { lookupStep } from '../../dns-steps.js';
import { Trace } from '../../trace.js';
import { loadEndpoints } from '../endpoints.js';
import type { Experiment } from '../experiment.js';

const ENDPOINTS = z.object({
  servers: z
    .array(z.string().regex(/^[A-Za-z0-9.:[\]-]+:\d{1,5}$/, 'expected host:port'))
    .min(1)
    .max(200),
});

export const stunreachability: Experiment<StunReachabilityTestKeys> = {
  name: 'stunreachability',
  version: '0.4.0',
  suite: 'circumvention',
  summary: "STUN: a binding request to each bundled STUN server (Snowflake's), over UDP",
  needsControl: false,
  takesInput: true,
  defaultInputs: (targets) =>
    loadEndpoints('stunreachability.json', ENDPOINTS, targets).value.servers.map((s) => `stun://${s}`),
  async measure(input, ctx) {
    const { host, port, endpoint } = parseStunInput(input);
    const trace = new Trace();
    const keys: StunReachabilityTestKeys = {
      endpoint,
      failure: null,
      network_events: [],
      queries: [],
      x_rtt: null,
    };
    let ip = host;
    if (!ipVersion(host)) {
      const lookup = await lookupStep(ctx.cfg, trace, host, []);
      keys.queries!.push(lookup.query);
      if (lookup.query.failure || !lookup.addrs[0]) {
        keys.failure = lookup.query.failure ?? 'dns_no_answer';
        return { testKeys: keys, runtimeSeconds: trace.now(), clientIp: null, usedControl: false };
      }
      ip = lookup.addrs[0];
    }
    const t0 = trace.now();
    const outcome = await stunBinding(ctx.cfg.network, ip, port, ctx.cfg.timeouts.connect);
    const t = trace.now();
    const address = joinHostPort(ip, port);
    const events: NetworkEvent[] = [
      { address, failure: null, operation: 'connect', proto: 'udp', t0, t: t0 },
      { failure: null, num_bytes: outcome.bytesSent, operation: 'write', t0, t: t0 },
      { failure: outcome.failure, num_bytes: outcome.bytesReceived, operation: 'read', t0, t },
    ];
    keys.network_events!.push(...events);
    keys.failure = outcome.failure;
    keys.x_rtt = outcome.rttSeconds;
    return { testKeys: keys, runtimeSeconds: trace.now(), clientIp: null, usedControl: false };
  },
};

/** `stun://host:port` (the form OONI's inputs take), or a bare `host:port`. */
function parseStunInput(input: string | null): { host: string; port: number; endpoint: string } {
  const text = (input ?? '').replace(/^stun:\/\//, '');
  const m = /^\[?([^\]\s/]+?)\]?:(\d{1,5})$/.exec(text);
  if (!m || Number(m[2]) > 65535) throw new InvalidInputError(`${input}: expected stun://host:port`);
  return { host: m[1]!, port: Number(m[2]), endpoint: text };
}
