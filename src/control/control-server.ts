/** The control service over HTTP: POST a THRequest to `/`, get a THResponse; bounded body, concurrency and time. */
import http from 'node:http';
import { ipVersion } from '../netx/ip-literal.js';
import { ClientWindows } from '../shared/client-windows.js';
import { InvalidInputError } from '../shared/errors.js';
import { joinHostPort } from '../shared/host-port.js';
import { terminalSafe } from '../shared/terminal-safe.js';
import { type ControlDeps, measureControl } from './control-measure.js';
import { MAX_REQUEST_BYTES, parseControlRequest } from './control-request.js';
import { isRefusedTarget } from './refused-target.js';

export interface ControlServerOptions extends ControlDeps {
  host: string;
  port: number;
  /** Requests measured at once; more wait, and past 4× this many the control answers 503. */
  concurrency: number;
  /**
   * Requests a client (one address) may make per minute; past it the control answers 429 with Retry-After, so that
   * one caller cannot take every measuring slot. Unset or 0: no limit.
   */
  requestsPerMinute?: number;
  /** Told of each internal failure, whose text the caller does not get (default: standard error). */
  logError?: (line: string) => void;
}

export interface RunningControl {
  url: string;
  close(): Promise<void>;
}

/** Header carrying the caller's address back to it (used by the probe for offline ASN lookup, never stored). */
export const CLIENT_IP_HEADER = 'x-netfreedom-client-ip';

/** Starts listening; resolves once the port is bound. */
export function startControlServer(opts: ControlServerOptions): Promise<RunningControl> {
  let active = 0;
  const waiting: (() => void)[] = [];
  const acquire = async () => {
    if (active < opts.concurrency) {
      active += 1;
      return;
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  };
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else active -= 1;
  };

  const perClient = opts.requestsPerMinute ? new ClientWindows(opts.requestsPerMinute, 60_000) : null;

  const server = http.createServer(async (req, res) => {
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      const text = JSON.stringify(body);
      res.writeHead(status, {
        ...headers,
        ...(status === 413 ? { connection: 'close' } : {}),
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(text),
        [CLIENT_IP_HEADER]: req.socket.remoteAddress ?? '',
      });
      res.end(text);
    };
    if (req.method !== 'POST' || (req.url ?? '/') !== '/')
      return reply(404, { error: 'POST a THRequest to /' });
    const retry = perClient?.hit(req.socket.remoteAddress ?? '') ?? null;
    if (retry !== null)
      return reply(
        429,
        { error: `too many requests from this address; retry in ${retry} s` },
        { 'retry-after': String(retry) },
      );
    if (waiting.length >= opts.concurrency * 4) return reply(503, { error: 'busy, retry later' });
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch (err) {
      return reply(err instanceof InvalidInputError ? 413 : 400, {
        error: err instanceof Error ? err.message : 'bad request',
      });
    }
    let request: ReturnType<typeof parseControlRequest>;
    try {
      request = parseControlRequest(body);
      const host = new URL(request.http_request).hostname.replace(/^\[|\]$/g, '');
      if (
        !opts.allowPrivate &&
        (host === 'localhost' || (ipVersion(host) !== 0 && isRefusedTarget(host, false)))
      )
        throw new InvalidInputError(`THRequest.http_request: ${host} is a private address`);
    } catch (err) {
      return reply(400, { error: err instanceof Error ? err.message : 'bad request' });
    }
    await acquire();
    try {
      reply(200, await measureControl(request, opts));
    } catch (err) {
      // The caller may be hostile: what failed inside stays in the operator's log.
      const text = err instanceof Error ? (err.stack ?? err.message) : String(err);
      (opts.logError ?? logToStderr)(terminalSafe(`control: ${text}`));
      reply(500, { error: 'internal error' });
    } finally {
      release();
    }
  });
  server.requestTimeout = 120_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      const { port } = server.address() as { port: number };
      resolve({
        url: `http://${joinHostPort(opts.host, port)}/`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

function logToStderr(line: string): void {
  process.stderr.write(`${line}\n`);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_REQUEST_BYTES) {
        // Stop storing; answer 413 and close once the answer is out (see `reply`).
        req.removeAllListeners('data');
        req.resume();
        reject(new InvalidInputError(`THRequest larger than ${MAX_REQUEST_BYTES} bytes`));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
