/**
 * `dnscheck` (OONI ts-028, probe-cli 0.9.2): one resolver per measurement (the input: DoH, DoT or plain UDP). Its
 * name is bootstrapped with the system resolver, then `domain` is resolved through every address it has (and the
 * bundled default ones). Beyond OONI, our control resolves the domain too, and each lookup says whether its
 * answer agrees with the control's (by address, then by AS): a resolver that answers but lies is seen.
 */
import { z } from 'zod';
import { askControl } from '../../../control/control-client.js';
import type { DnsCheckLookup, DnsCheckTestKeys } from '../../../model/app-test-keys.js';
import { ipVersion } from '../../../netx/ip-literal.js';
import { lookupIp } from '../../../shared/ip-registry.js';
import { handshakeFacts } from '../../app-tls-facts.js';
import { lookupStep } from '../../dns-steps.js';
import { REQUEST_HEADERS_TITLE_CASE } from '../../probe-config.js';
import { Trace } from '../../trace.js';
import { loadEndpoints } from '../endpoints.js';
import type { Experiment, ExperimentContext } from '../experiment.js';
import { inOrder } from '../run-targets.js';
import { lookupThrough } from './dns-lookups.js';
import { parseResolverUrl, resolverUrlFor } from './resolver-url.js';

const ENDPOINTS = z.object({
  domain: z.string().regex(/^[A-Za-z0-9.-]{1,253}$/, 'expected a domain'),
  resolvers: z
    .array(
      z.object({
        url: z.string().refine((u) => URL.canParse(u), 'expected a URL'),
        default_addrs: z
          .array(z.string().refine((ip) => ipVersion(ip) !== 0, 'expected an IP address'))
          .max(8),
      }),
    )
    .min(1)
    .max(200),
});

/** Addresses a resolver name may have that are measured at most. */
const MAX_ADDRESSES = 8;

export const dnscheck: Experiment<DnsCheckTestKeys> = {
  name: 'dnscheck',
  version: '0.9.2',
  suite: 'circumvention',
  summary:
    'encrypted and plain DNS: each bundled DoH, DoT and UDP resolver resolves a domain, compared with the control',
  needsControl: true,
  takesInput: true,
  defaultInputs: (targets) =>
    loadEndpoints('dnscheck.json', ENDPOINTS, targets).value.resolvers.map((r) => r.url),
  async measure(input, ctx) {
    const { value } = loadEndpoints('dnscheck.json', ENDPOINTS, ctx.targets);
    const resolver = parseResolverUrl(input ?? value.resolvers[0]!.url);
    const defaults = value.resolvers.find((r) => r.url === input)?.default_addrs ?? [];
    const trace = new Trace();
    const control = askDomain(ctx, value.domain);
    const keys: DnsCheckTestKeys = {
      domain: value.domain,
      bootstrap: null,
      bootstrap_failure: null,
      lookups: {},
      x_default_addrs: defaults.join(' '),
    };
    let addrs = [resolver.host];
    if (!ipVersion(resolver.host)) {
      const boot = await lookupStep(ctx.cfg, trace, resolver.host, []);
      keys.bootstrap = { queries: [boot.query] };
      keys.bootstrap_failure = boot.query.failure;
      addrs = boot.addrs;
    }
    addrs = [...new Set([...addrs, ...defaults])].slice(0, MAX_ADDRESSES);
    const lookups = await inOrder(addrs, 4, (addr) =>
      lookupThrough(ctx.cfg, trace, resolver, addr, value.domain),
    );
    const answer = await control;
    keys.x_control_addrs = answer.addrs;
    keys.x_control_failure = answer.failure;
    addrs.forEach((addr, i) => {
      const lookup = lookups[i]!;
      lookup.x_consistent_with_control = consistent(lookup, answer.addrs);
      keys.lookups[resolverUrlFor(resolver, addr)] = lookup;
    });
    keys.x_tls = await handshakeFacts(
      ctx.cfg,
      lookups.flatMap((l) => l.tls_handshakes ?? []),
      ctx.known,
    );
    return {
      testKeys: keys,
      runtimeSeconds: trace.now(),
      clientIp: answer.clientIp,
      usedControl: ctx.cfg.controlUrl !== null,
    };
  },
};

interface ControlAddrs {
  addrs: string[] | null;
  failure: string | null;
  clientIp: string | null;
}

/** The control's addresses for `domain` (it resolves the name as for web_connectivity; the fetch is not used). */
async function askDomain(ctx: ExperimentContext, domain: string): Promise<ControlAddrs> {
  if (!ctx.cfg.controlUrl) return { addrs: null, failure: 'unknown_failure: no control', clientIp: null };
  const answer = await askControl(
    ctx.cfg.controlUrl,
    {
      http_request: `http://${domain}/`,
      http_request_headers: Object.fromEntries(REQUEST_HEADERS_TITLE_CASE.map(([k, v]) => [k, [v]])),
      tcp_connect: [],
      x_quic_enabled: false,
    },
    ctx.cfg.timeouts.control,
  );
  const dns = answer.response?.dns;
  const failure = answer.failure ?? dns?.failure ?? null;
  return { addrs: failure ? null : (dns?.addrs ?? []), failure, clientIp: answer.clientIp };
}

/** The answer agrees with the control's: an address in common, or an AS in common; null when either is missing. */
function consistent(lookup: DnsCheckLookup, controlAddrs: string[] | null): boolean | null {
  const answered = (lookup.queries ?? []).flatMap((q) =>
    (q.answers ?? []).map((a) => a.ipv4 ?? a.ipv6).filter((ip): ip is string => Boolean(ip)),
  );
  if (lookup.failure || answered.length === 0 || !controlAddrs || controlAddrs.length === 0) return null;
  if (answered.some((ip) => controlAddrs.includes(ip))) return true;
  const asns = new Set(controlAddrs.map((ip) => lookupIp(ip)?.asn ?? 0).filter((asn) => asn !== 0));
  return answered.some((ip) => asns.has(lookupIp(ip)?.asn ?? 0));
}
