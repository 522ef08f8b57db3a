/** POSTs JSON to a service over kept-alive connections (the probe's requests to its control), with a deadline and a size cap. */
import http from 'node:http';
import https from 'node:https';
import { timeoutError } from './classify.js';

export interface PostJsonOptions {
  /** Deadline for the whole exchange, response body included. */
  timeoutMs: number;
  /** Response bytes read at most; a longer answer fails with `RESPONSE_TOO_LARGE`. */
  maxResponseBytes: number;
}

export interface PostJsonResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** The code of the error thrown when the answer exceeds `maxResponseBytes`. */
export const RESPONSE_TOO_LARGE = 'NETFREEDOM_RESPONSE_TOO_LARGE';

// One connection per request in flight, kept for the next: a probe asks its control once per URL, and a
// new TCP (and TLS) connection each time cost more than the request. Idle sockets do not hold the process.
const agents = {
  'http:': new http.Agent({ keepAlive: true }),
  'https:': new https.Agent({ keepAlive: true }),
};

/**
 * POSTs `body` (JSON text) to `url` and reads the whole answer. Rejects with Node's error for network
 * failures (its `code`: `ECONNREFUSED`, `ECONNRESET`, ...) and with our timeout error after `timeoutMs`.
 * A kept-alive connection the server closed meanwhile is retried once on a new one, as Node advises.
 */
export async function postJson(url: string, body: string, opts: PostJsonOptions): Promise<PostJsonResponse> {
  const deadline = performance.now() + opts.timeoutMs;
  try {
    return await attempt(url, body, opts, opts.timeoutMs);
  } catch (err) {
    const stale = (err as { reusedSocket?: boolean }).reusedSocket === true;
    const left = deadline - performance.now();
    if (!stale || (err as NodeJS.ErrnoException).code !== 'ECONNRESET' || left <= 0) throw err;
    return attempt(url, body, opts, left);
  }
}

function attempt(
  url: string,
  body: string,
  opts: PostJsonOptions,
  timeoutMs: number,
): Promise<PostJsonResponse> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const transport = target.protocol === 'https:' ? https : target.protocol === 'http:' ? http : null;
    if (!transport) return reject(new TypeError(`${url}: only http(s) services are supported`));
    const payload = Buffer.from(body);
    let done = false;
    const fail = (err: Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.destroy();
      reject(Object.assign(err, { reusedSocket: req.reusedSocket }));
    };
    const timer = setTimeout(() => fail(timeoutError(`POST ${target.origin}`, timeoutMs)), timeoutMs);
    const req = transport.request(target, {
      method: 'POST',
      agent: agents[target.protocol as 'http:' | 'https:'],
      headers: { 'content-type': 'application/json', 'content-length': payload.length },
    });
    req.on('error', fail);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > opts.maxResponseBytes) {
          const err: NodeJS.ErrnoException = new Error(`answer larger than ${opts.maxResponseBytes} bytes`);
          err.code = RESPONSE_TOO_LARGE;
          return fail(err);
        }
        chunks.push(chunk);
      });
      res.on('error', fail);
      res.on('aborted', () => fail(Object.assign(new Error('answer cut short'), { code: 'ECONNRESET' })));
      res.on('end', () => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text: Buffer.concat(chunks).toString('utf8'),
        });
      });
    });
    req.end(payload);
  });
}
