/**
 * `facebook_messenger` (OONI ts-019, probe-cli 0.2.1): each service's name resolved (consistent when every answer
 * lies in Facebook's AS, looked up offline) and a TCP connect to it on port 443. DNS blocking when a lookup failed
 * or answered outside that AS; TCP blocking when a connect to a consistent answer failed.
 */
import { z } from 'zod';
import type { FacebookMessengerTestKeys } from '../../../model/app-test-keys.js';
import type { DnsQuery } from '../../../model/measurement.js';
import { lookupIp } from '../../../shared/ip-registry.js';
import { Trace } from '../../trace.js';
import { archivalKeys, type GetResult, mergeResults } from '../../url-getter.js';
import { loadEndpoints } from '../endpoints.js';
import type { Experiment } from '../experiment.js';
import { runTargets } from '../run-targets.js';

const SERVICES = ['stun', 'b_api', 'b_graph', 'edge', 'external_cdn', 'scontent_cdn', 'star'] as const;
type Service = (typeof SERVICES)[number];

const ENDPOINTS = z.object({
  asn: z.number().int().min(1),
  services: z
    .array(
      z.object({
        key: z.enum(SERVICES),
        target: z
          .string()
          .regex(/^(dnslookup|tcpconnect):\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/, 'expected a target'),
      }),
    )
    .min(1),
});

type Verdicts = Omit<FacebookMessengerTestKeys, keyof ReturnType<typeof mergeResults>>;

export const facebookMessenger: Experiment<FacebookMessengerTestKeys> = {
  name: 'facebook_messenger',
  version: '0.2.1',
  suite: 'im',
  summary: "Facebook Messenger: its services' DNS answers in Facebook's AS, and a TCP connect to each",
  needsControl: false,
  takesInput: false,
  defaultInputs: () => [],
  async measure(_input, ctx) {
    const { value } = loadEndpoints('facebook-messenger.json', ENDPOINTS, ctx.targets);
    const trace = new Trace();
    const results = await runTargets(
      ctx.cfg,
      trace,
      value.services.map((s) => ({ url: s.target })),
    );
    for (const r of results) for (const q of r.queries ?? []) annotateAsns(q);
    const verdicts = emptyVerdicts();
    value.services.forEach((s, i) => {
      judgeService(verdicts, s.key, results[i]!, value.asn);
    });
    verdicts.facebook_dns_blocking ??= false;
    verdicts.facebook_tcp_blocking ??= false;
    return {
      testKeys: { ...mergeResults(results.map(archivalKeys)), ...verdicts },
      runtimeSeconds: trace.now(),
      clientIp: null,
      usedControl: false,
    };
  },
};

/** OONI's ComputeEndpointStatus: DNS first (a lie ends the judgement), then the connect. */
function judgeService(v: Verdicts, key: Service, r: GetResult, asn: number): void {
  const dnsKey = `facebook_${key}_dns_consistent` as const;
  const tcpKey = `facebook_${key}_reachable` as const;
  const answers = (r.queries ?? []).flatMap((q) => q.answers ?? []);
  const lying = answers.some((a) => (a.ipv4 || a.ipv6) && a.asn !== asn);
  if (r.failed_operation === 'resolve' || lying) {
    v.facebook_dns_blocking = true;
    v[dnsKey] = false;
    return;
  }
  v[dnsKey] = true;
  if (key === 'stun') return; // looked up only: its reachability stays unknown, as in OONI's data
  if (r.failed_operation === 'connect') {
    v.facebook_tcp_blocking = true;
    v[tcpKey] = false;
    return;
  }
  v[tcpKey] = true;
}

/** The answers' AS numbers and organisations from the offline registry (OONI uses its GeoIP database). */
function annotateAsns(q: DnsQuery): void {
  for (const a of q.answers ?? []) {
    const ip = a.ipv4 ?? a.ipv6;
    if (!ip) continue;
    const entry = lookupIp(ip);
    a.asn = entry?.asn ?? 0;
    a.as_org_name = entry?.asOrg ?? '';
  }
}

function emptyVerdicts(): Verdicts {
  const v: Record<string, boolean | null> = {};
  for (const key of SERVICES) {
    v[`facebook_${key}_dns_consistent`] = null;
    v[`facebook_${key}_reachable`] = null;
  }
  v.facebook_dns_blocking = null;
  v.facebook_tcp_blocking = null;
  return v as Verdicts;
}
