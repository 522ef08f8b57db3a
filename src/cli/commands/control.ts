/** `netfreedom control`: the control service (OONI test-helper protocol) on HOST:PORT. */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { startControlServer } from '../../control/control-server.js';
import { systemNetwork } from '../../netx/network.js';
import { isBogon } from '../../shared/bogon.js';
import { UsageError } from '../../shared/errors.js';
import { lookupIp } from '../../shared/ip-registry.js';
import { explainListenFailure } from '../listen-address.js';
import { addOptions, type OptionTable } from '../option-table.js';
import { parseNonNegativeInt, parsePositiveInt } from '../parse-args.js';
import { action, type CliContext, type Io } from '../run-command.js';

/** "host:port" or "[v6]:port". */
export function parseListen(value: string): { host: string; port: number } {
  const m = /^\[?([^\]]*?)\]?:(\d{1,5})$/.exec(value);
  if (!m || Number(m[2]) > 65535)
    throw new UsageError(`--listen ${value}: expected HOST:PORT, e.g. 127.0.0.1:8081`);
  return { host: m[1] || '127.0.0.1', port: Number(m[2]) };
}

export function readCaFile(path: string | undefined): string[] | undefined {
  if (!path) return undefined;
  try {
    return [readFileSync(path, 'utf8')];
  } catch (err) {
    throw new UsageError(`--ca-file ${path}: ${(err as Error).message}`);
  }
}

interface ControlOptions {
  listen: string;
  caFile?: string;
  allowPrivate?: boolean;
  concurrency: number;
  requestsPerMinute: number;
}

const CONTROL_OPTIONS: OptionTable<ControlOptions> = {
  listen: {
    flags: '--listen <host:port>',
    description: 'address to listen on, e.g. 127.0.0.1:8081',
    required: true,
  },
  caFile: {
    flags: '--ca-file <pem>',
    description: 'trusted roots for TLS checks (default: Node’s bundled store)',
  },
  allowPrivate: {
    flags: '--allow-private',
    description: 'also measure private/bogon addresses (labs and simulated networks only)',
  },
  concurrency: {
    flags: '--concurrency <n>',
    description: 'requests measured at once',
    parse: parsePositiveInt,
    default: 16,
  },
  requestsPerMinute: {
    flags: '--requests-per-minute <n>',
    description: 'requests one client address may make per minute, then 429 with Retry-After (0: no limit)',
    parse: parseNonNegativeInt,
    default: 6000,
  },
};

export function registerControl(program: Command, ctx: CliContext): void {
  addOptions(
    program
      .command('control')
      .description("serve the control (OONI's test-helper protocol: POST a THRequest JSON to /)"),
    CONTROL_OPTIONS,
  ).action(action(ctx, (opts: ControlOptions) => serveControl(ctx.io, opts)));
}

/** Serves until Ctrl-C; a busy port is one line saying how to choose another. */
async function serveControl(io: Io, opts: ControlOptions): Promise<void> {
  const { host, port } = parseListen(opts.listen);
  lookupIp('8.8.8.8'); // load the offline registry now, not during the first request
  const server = await startControlServer({
    host,
    port,
    concurrency: opts.concurrency,
    requestsPerMinute: opts.requestsPerMinute,
    network: systemNetwork,
    allowPrivate: Boolean(opts.allowPrivate),
    ca: readCaFile(opts.caFile),
    timeouts: { dns: 4000, connect: 10_000, tlsHandshake: 10_000, http: 15_000 },
    asnOf: (ip) => (isBogon(ip) ? 0 : (lookupIp(ip)?.asn ?? 0)),
  }).catch((err: unknown) => {
    const given = `--listen ${opts.listen}`;
    throw explainListenFailure(err, {
      host,
      port: { port, given },
      hostGiven: given,
      choose: 'choose another port in --listen HOST:PORT',
    });
  });
  io.err(`netfreedom control listening on ${server.url}; Ctrl-C stops\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
}
