/**
 * `signal` (OONI ts-029): an HTTPS GET of each Signal backend, verified against Signal's pinned roots and nothing
 * else, so that any interception (a state root the user trusts included) shows as a certificate failure; and a
 * lookup of uptime.signal.org, which does not count. Blocked when any backend failed.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { SignalTestKeys } from '../../../model/app-test-keys.js';
import { InvalidDataError } from '../../../shared/errors.js';
import { appTlsFacts } from '../../app-tls-facts.js';
import { Trace } from '../../trace.js';
import { archivalKeys, mergeResults } from '../../url-getter.js';
import { loadEndpoints } from '../endpoints.js';
import type { Experiment } from '../experiment.js';
import { runTargets } from '../run-targets.js';

const ENDPOINTS = z.object({
  urls: z
    .array(z.url({ protocol: /^https$/ }))
    .min(1)
    .max(32),
  uptime: z.string().regex(/^[A-Za-z0-9.-]{1,253}$/, 'expected a host name'),
  roots: z.string().min(1),
});

const PEM = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

export const signal: Experiment<SignalTestKeys> = {
  name: 'signal',
  version: '0.2.5',
  suite: 'im',
  summary: "Signal: an HTTPS GET of each backend, trusting Signal's pinned roots only",
  needsControl: false,
  takesInput: false,
  defaultInputs: () => [],
  async measure(_input, ctx) {
    const endpoints = loadEndpoints('signal.json', ENDPOINTS, ctx.targets);
    const roots = readRoots(endpoints.path('roots', endpoints.value.roots));
    const trace = new Trace();
    const tls = { ca: roots };
    const [uptime, ...backends] = await runTargets(ctx.cfg, trace, [
      { url: `dnslookup://${endpoints.value.uptime}` },
      ...endpoints.value.urls.map((url) => ({ url, opts: { tls } })),
    ]);
    const failed = backends.find((r) => r.failure !== null);
    return {
      testKeys: {
        ...mergeResults([...backends, uptime!].map(archivalKeys)),
        signal_backend_status: failed ? 'blocked' : 'ok',
        signal_backend_failure: failed?.failure ?? null,
        x_tls: await appTlsFacts(ctx.cfg, backends, ctx.known),
      },
      runtimeSeconds: trace.now(),
      clientIp: null,
      usedControl: false,
    };
  },
};

// One array per file: the TLS layer builds one trust store per array it is given (building one is slow).
const rootsByFile = new Map<string, string[]>();

/** The PEM certificates of `file`, each one a root. */
function readRoots(file: string): string[] {
  const known = rootsByFile.get(file);
  if (known) return known;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InvalidDataError(file, `cannot read Signal's roots (${(err as Error).message})`);
  }
  const roots = text.match(PEM) ?? [];
  if (roots.length === 0) throw new InvalidDataError(file, 'no PEM certificate in it');
  rootsByFile.set(file, roots);
  return roots;
}
