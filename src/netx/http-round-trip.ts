/** One HTTP/1.1 request (GET, or POST with a body) over an already connected (plain or TLS) socket, with a deadline and a body cap. */
import http from 'node:http';
import type net from 'node:net';
import type { Failure } from '../model/failure.js';
import { classifyError, timeoutError } from './classify.js';

export interface HttpRoundTripOptions {
  url: URL;
  /** GET unless said; a POST sends `body` (possibly empty) with its Content-Length. */
  method?: 'GET' | 'POST';
  body?: Buffer;
  headers: Record<string, string>;
  /** Deadline for the whole round trip, body included: a server trickling bytes must not hold us. */
  timeoutMs: number;
  /** Bytes of body read at most; the rest is not read (`bodyIsTruncated`). */
  maxBodyBytes: number;
  /** Bytes of body kept in memory (default: all that is read); the rest is only counted. */
  keepBodyBytes?: number;
}

export interface HttpOutcome {
  failure: Failure | null;
  status: number | null;
  headersList: [string, string][];
  body: Buffer;
  bodyIsTruncated: boolean;
  /** Bytes of body read (may exceed `body.length` when `keepBodyBytes` is smaller). */
  bodyLength: number;
  /** Seconds from sending the request to the end of the body, null without a response (TLS records arrive whole, so the first byte is no reliable start). */
  transferSeconds: number | null;
}

/** Sends the request on `socket` (which it consumes) and reads the response; never throws for network failures. */
export function httpRoundTrip(socket: net.Socket, opts: HttpRoundTripOptions): Promise<HttpOutcome> {
  const method = opts.method ?? 'GET';
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let status: number | null = null;
    let headersList: [string, string][] = [];
    const sent = performance.now();
    let started: number | null = null;
    let done = false;
    const finish = (failure: Failure | null, truncated = false) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.destroy();
      socket.destroy();
      const transferSeconds = started === null ? null : (performance.now() - sent) / 1000;
      const body = Buffer.concat(chunks);
      resolve({
        failure,
        status,
        headersList,
        body,
        bodyIsTruncated: truncated,
        bodyLength: size,
        transferSeconds,
      });
    };
    const timer = setTimeout(
      () => finish(classifyError('http_round_trip', timeoutError(`HTTP ${method}`, opts.timeoutMs))),
      opts.timeoutMs,
    );
    const req = http.request({
      createConnection: () => socket,
      method,
      host: opts.url.hostname,
      path: `${opts.url.pathname}${opts.url.search}`,
      headers: {
        host: opts.url.host,
        ...opts.headers,
        ...(method === 'POST' ? { 'content-length': String(opts.body?.length ?? 0) } : {}),
      },
    });
    req.on('error', (err) => finish(classifyError('http_round_trip', err)));
    req.on('response', (res) => {
      status = res.statusCode ?? null;
      headersList = [];
      for (let i = 0; i + 1 < res.rawHeaders.length; i += 2)
        headersList.push([res.rawHeaders[i]!, res.rawHeaders[i + 1]!]);
      started = performance.now();
      const keep = opts.keepBodyBytes ?? opts.maxBodyBytes;
      let kept = 0;
      res.on('data', (chunk: Buffer) => {
        const room = opts.maxBodyBytes - size;
        const piece = chunk.length > room ? chunk.subarray(0, room) : chunk;
        if (kept < keep) {
          const part = piece.subarray(0, keep - kept);
          chunks.push(part);
          kept += part.length;
        }
        size += piece.length;
        if (chunk.length > room) finish(null, true);
      });
      res.on('end', () => finish(null));
      res.on('aborted', () => finish('eof_error'));
      res.on('error', (err) => finish(classifyError('read', err)));
    });
    req.end(method === 'POST' ? opts.body : undefined);
  });
}
