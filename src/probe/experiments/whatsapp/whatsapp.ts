/**
 * `whatsapp` (OONI ts-018, probe-cli 0.11.0): a TCP connect to the chat endpoints on ports 443 and 5222, an HTTPS
 * GET of the registration service and of the web client. An endpoint is blocked when every port failed; the
 * endpoints are ok when one of them answered. OONI measures all sixteen endpoints; netfreedom measures a random
 * sample of them unless `--all-endpoints`, and names the ones it measured (`x_endpoints_measured`).
 */
import { randomInt } from 'node:crypto';
import { z } from 'zod';
import type { WhatsappTestKeys } from '../../../model/app-test-keys.js';
import { appTlsFacts } from '../../app-tls-facts.js';
import { Trace } from '../../trace.js';
import { archivalKeys, type GetResult, mergeResults } from '../../url-getter.js';
import { loadEndpoints } from '../endpoints.js';
import type { Experiment } from '../experiment.js';
import { runTargets } from '../run-targets.js';

const ENDPOINTS = z.object({
  endpoints: z
    .array(z.string().regex(/^[A-Za-z0-9.-]{1,253}$/, 'expected a host name'))
    .min(1)
    .max(64),
  ports: z.array(z.number().int().min(1).max(65535)).min(1).max(4),
  sample: z.number().int().min(1),
  registration: z.url({ protocol: /^https$/ }),
  web: z.url({ protocol: /^https$/ }),
});

export const whatsapp: Experiment<WhatsappTestKeys> = {
  name: 'whatsapp',
  version: '0.11.0',
  suite: 'im',
  summary:
    'WhatsApp: registration service and web client (HTTPS), chat endpoints on 443 and 5222 (a sample; --all-endpoints)',
  needsControl: false,
  takesInput: false,
  defaultInputs: () => [],
  async measure(_input, ctx) {
    const { value } = loadEndpoints('whatsapp.json', ENDPOINTS, ctx.targets);
    const hosts = ctx.allEndpoints ? value.endpoints : sample(value.endpoints, value.sample);
    const trace = new Trace();
    const connects = hosts.flatMap((host) =>
      value.ports.map((port) => ({ url: `tcpconnect://${host}:${port}` })),
    );
    const [registration, web, ...endpoints] = await runTargets(ctx.cfg, trace, [
      { url: value.registration },
      { url: value.web },
      ...connects,
    ]);
    return {
      testKeys: {
        ...mergeResults([registration!, web!, ...endpoints].map(archivalKeys)),
        registration_server_failure: registration!.failure,
        registration_server_status: registration!.failure ? 'blocked' : 'ok',
        whatsapp_endpoints_blocked: blockedHosts(hosts, value.ports.length, endpoints),
        whatsapp_endpoints_dns_inconsistent: [],
        whatsapp_endpoints_status: endpoints.some((r) => r.failure === null) ? 'ok' : 'blocked',
        whatsapp_web_failure: web!.failure,
        whatsapp_web_status: web!.failure ? 'blocked' : 'ok',
        x_endpoints_measured: hosts,
        x_tls: await appTlsFacts(ctx.cfg, [registration!, web!], ctx.known),
      },
      runtimeSeconds: trace.now(),
      clientIp: null,
      usedControl: false,
    };
  },
};

/** The hosts whose every port failed (OONI counts two failures per host, one per port). */
function blockedHosts(hosts: readonly string[], ports: number, results: readonly GetResult[]): string[] {
  return hosts.filter((_, i) => results.slice(i * ports, (i + 1) * ports).every((r) => r.failure !== null));
}

/** `n` of `items` picked at random, in their order. */
function sample<T>(items: readonly T[], n: number): T[] {
  if (n >= items.length) return [...items];
  const picked = new Set<number>();
  while (picked.size < n) picked.add(randomInt(0, items.length));
  return items.filter((_, i) => picked.has(i));
}
