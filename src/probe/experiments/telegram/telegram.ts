/**
 * `telegram` (OONI ts-020, probe-cli 0.3.1): the web client over HTTPS and a POST over plain HTTP to every data
 * centre on ports 80 and 443. TCP blocking when no data centre accepted a connection, HTTP blocking when none
 * answered a request, the web client blocked when its fetch failed.
 */
import { z } from 'zod';
import type { TelegramTestKeys } from '../../../model/app-test-keys.js';
import { ipVersion } from '../../../netx/ip-literal.js';
import { joinHostPort } from '../../../shared/host-port.js';
import { appTlsFacts } from '../../app-tls-facts.js';
import { Trace } from '../../trace.js';
import { archivalKeys, mergeResults } from '../../url-getter.js';
import { loadEndpoints } from '../endpoints.js';
import type { Experiment } from '../experiment.js';
import { runTargets, type Target } from '../run-targets.js';

const ENDPOINTS = z.object({
  datacenters: z
    .array(z.string().refine((ip) => ipVersion(ip) !== 0, 'expected an IP address'))
    .min(1)
    .max(64),
  ports: z.array(z.number().int().min(1).max(65535)).min(1).max(4),
  web: z.url({ protocol: /^https$/ }),
});

export const telegram: Experiment<TelegramTestKeys> = {
  name: 'telegram',
  version: '0.3.1',
  suite: 'im',
  summary: 'Telegram: web client (HTTPS) and a POST to each data centre on ports 80 and 443',
  needsControl: false,
  takesInput: false,
  defaultInputs: () => [],
  async measure(_input, ctx) {
    const { value } = loadEndpoints('telegram.json', ENDPOINTS, ctx.targets);
    const trace = new Trace();
    const post = { http: { method: 'POST' as const, body: Buffer.alloc(0) } };
    const datacenters: Target[] = value.datacenters.flatMap((ip) =>
      value.ports.map((port) => ({ url: `http://${joinHostPort(ip, port)}/`, opts: post })),
    );
    const [web, ...dcs] = await runTargets(ctx.cfg, trace, [{ url: value.web }, ...datacenters]);
    const keys = mergeResults([web!, ...dcs].map(archivalKeys));
    const answered = dcs.some((r) => r.failure === null);
    // OONI: TCP blocking unless a data centre answered, or failed after its connect succeeded.
    const connected = dcs.some((r) => r.failure === null || r.failed_operation !== 'connect');
    return {
      testKeys: {
        ...keys,
        telegram_http_blocking: !answered,
        telegram_tcp_blocking: !connected,
        telegram_web_failure: web!.failure,
        telegram_web_status: web!.failure ? 'blocked' : 'ok',
        x_tls: await appTlsFacts(ctx.cfg, [web!, ...dcs], ctx.known),
      },
      runtimeSeconds: trace.now(),
      clientIp: null,
      usedControl: false,
    };
  },
};
