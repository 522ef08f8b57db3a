/** The HTTP GET step as an OONI df-001 record, body kept as text or base64. */
import { isUtf8 } from 'node:buffer';
import type { BinaryData, HttpTransaction, NetworkEvent } from '../model/measurement.js';
import { type HttpOutcome, httpRoundTrip } from '../netx/http-round-trip.js';
import type { Connection } from '../netx/network.js';
import { decodeUtf8 } from '../shared/decode-utf8.js';
import { type ProbeConfig, REQUEST_HEADERS, REQUEST_HEADERS_TITLE_CASE } from './probe-config.js';
import type { Trace } from './trace.js';

export interface HttpStepResult {
  record: HttpTransaction;
  events: NetworkEvent[];
  outcome: HttpOutcome;
}

/** What a test changes in a request: a POST (Telegram's access points), a smaller body snapshot (Tor's consensus). */
export interface HttpStepOptions {
  method?: 'GET' | 'POST';
  body?: Buffer;
  maxBodyBytes?: number;
  headers?: Record<string, string>;
}

/** Sends the request for `url` over `socket` (consumed); `alpn` is what TLS negotiated ('' for cleartext). */
export async function httpStep(
  cfg: ProbeConfig,
  trace: Trace,
  socket: Connection,
  url: URL,
  address: string,
  alpn: string,
  tags: string[],
  transactionId: number,
  opts: HttpStepOptions = {},
): Promise<HttpStepResult> {
  const t0 = trace.now();
  const method = opts.method ?? 'GET';
  const outcome = await httpRoundTrip(socket, {
    url,
    method,
    body: opts.body,
    headers: opts.headers ?? REQUEST_HEADERS,
    timeoutMs: cfg.timeouts.http,
    maxBodyBytes: opts.maxBodyBytes ?? cfg.maxBodyBytes,
  });
  const t = trace.now();
  const common = { address, tags, transaction_id: transactionId };
  const requestHeaders: [string, string][] = [
    ['Host', url.host],
    ...(opts.headers
      ? Object.entries(opts.headers).map(([k, v]) => [titleCase(k), v] as [string, string])
      : REQUEST_HEADERS_TITLE_CASE.map(([k, v]) => [k, v] as [string, string])),
  ];
  const record: HttpTransaction = {
    network: 'tcp',
    alpn,
    failure: outcome.failure,
    request: {
      url: url.href,
      method,
      headers: Object.fromEntries(requestHeaders),
      headers_list: requestHeaders,
      body: opts.body ? bodyValue(opts.body) : '',
      body_is_truncated: false,
      x_transport: 'tcp',
    },
    response:
      outcome.status === null
        ? null
        : {
            code: outcome.status,
            headers: firstValues(outcome.headersList),
            headers_list: outcome.headersList,
            body: bodyValue(outcome.body),
            body_is_truncated: outcome.bodyIsTruncated,
          },
    t0,
    t,
    ...common,
  };
  return {
    record,
    events: [
      { ...common, failure: null, operation: 'http_transaction_start', t0, t: t0 },
      {
        ...common,
        failure: outcome.failure,
        operation: 'http_transaction_done',
        num_bytes: outcome.body.length,
        t0,
        t,
      },
    ],
    outcome,
  };
}

/** Text when the body is valid UTF-8, otherwise base64 (the archival format's two forms). */
export function bodyValue(body: Buffer): string | BinaryData {
  // Valid UTF-8 without a byte order mark decodes to text that encodes back to the same bytes: checked natively,
  // rather than by decoding, encoding again and comparing (about 5 % of the probe's CPU in bench/probe).
  if (isUtf8(body) && !(body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf)) return decodeUtf8(body);
  return { format: 'base64', data: body.toString('base64') };
}

/** First value per header name; fromEntries defines own keys, so a hostile `__proto__` header stays data. */
function firstValues(list: [string, string][]): Record<string, string> {
  const seen = new Map<string, string>();
  for (const [k, v] of list) if (!seen.has(k)) seen.set(k, v);
  return Object.fromEntries(seen);
}

function titleCase(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
}

/**
 * The record of a request that was never sent because an earlier step failed (no address, no connection, no
 * handshake): OONI's urlgetter writes one, with that failure, and its pipeline reads the app tests' requests.
 */
export function unsentRequestRecord(
  url: URL,
  method: 'GET' | 'POST',
  failure: string,
  t0: number,
  t: number,
): HttpTransaction {
  const headers: [string, string][] = [
    ['Host', url.host],
    ...REQUEST_HEADERS_TITLE_CASE.map(([k, v]) => [k, v] as [string, string]),
  ];
  return {
    network: 'tcp',
    failure,
    request: {
      url: url.href,
      method,
      headers: Object.fromEntries(headers),
      headers_list: headers,
      body: '',
      body_is_truncated: false,
      x_transport: 'tcp',
    },
    response: null,
    t0,
    t,
  };
}
