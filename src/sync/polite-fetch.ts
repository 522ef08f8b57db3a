/**
 * HTTP GET for archives that ask to be used politely: a timeout per request (until the headers, then between two
 * pieces of the body), retries with exponential backoff and jitter on 5xx, 429 and timeouts, and one-line errors.
 * Fetches through the policy's transport (netx/archive-transport.ts, undici's fetch): sync opens no socket itself
 * (scripts/import-rules.ts). Redirects are followed here, one by one, so that each can be judged (`redirectRefusal`),
 * and a host a redirect leads to is reached only at public addresses (`ArchiveTransport.fetchPublic`).
 */
import { isBogon, PRIVATE_ADDRESS_CODE } from '../shared/bogon.js';
import { RemoteError } from '../shared/errors.js';

export interface FetchPolicy {
  /** Milliseconds to wait for the headers, and then for each piece of the body (default 30 s). */
  timeoutMs: number;
  /** Retries after the first try (default 5). */
  retries: number;
  /** The first backoff in milliseconds, doubled at each retry and capped at 30 s, with jitter (default 500). */
  backoffMs: number;
  /** Called before each retry, for logs. */
  onRetry?: (what: string, attempt: number, reason: string, delayMs: number) => void;
  /** How requests reach the archives (the CLI gives netx's `archiveTransport` over the system resolver). */
  transport: ArchiveTransport;
}

/** A GET as sync asks it: redirects come back to be judged, never followed by the transport. */
type GetInit = { signal: AbortSignal; redirect: 'manual' };

export interface ArchiveTransport {
  /** A GET to the archive the operator named, wherever it is (a local mirror too). */
  fetch(url: URL, init: GetInit): Promise<Response>;
  /**
   * A GET to a host a redirect led to: refused before any connection (a TypeError whose `cause` has the code
   * PRIVATE_ADDRESS_CODE and the `address`) when its name resolves to any private or loopback address, judged on
   * the answer the connection is opened from, so a name cannot answer differently to a check and to the connection.
   */
  fetchPublic(url: URL, init: GetInit): Promise<Response>;
}

export const DEFAULT_FETCH_POLICY: Omit<FetchPolicy, 'transport'> = {
  timeoutMs: 30_000,
  retries: 5,
  backoffMs: 500,
};

/** A successful answer, its body as a stream of bytes with the idle timeout applied. */
export interface FetchedBody {
  status: number;
  headers: Headers;
  /** The body, piece by piece; throws a BodyBrokenError when the connection fails or stalls part way. */
  body: AsyncIterable<Buffer>;
}

/** The body broke off after the answer began (reset, stall): the caller may fetch the whole thing again. */
export class BodyBrokenError extends Error {}

/** Why one try failed, and whether another may do better. */
interface TryFailure {
  reason: string;
  retry: boolean;
  /** Seconds the server asked to wait (Retry-After). */
  after?: number;
}

const BACKOFF_CAP_MS = 30_000;
const RETRY_AFTER_CAP_S = 60;
/** Redirects followed at most in one request (OONI's API and S3 use none or one). */
export const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * Why a redirect from `from` to `to` is not followed, or null when it may be: an archive named by the operator may
 * send sync elsewhere on the public web, but not to another scheme, not from https down to http, and not to a
 * private or loopback address (an IP literal of one, or `localhost`) of another host than the one named. A name
 * that resolves to a private address is refused by the transport when it connects (`fetchPublic`).
 */
export function redirectRefusal(from: URL, to: URL): string | null {
  if (to.protocol !== 'http:' && to.protocol !== 'https:') return `it leads to a ${to.protocol} URL`;
  if (from.protocol === 'https:' && to.protocol === 'http:') return 'it leads from https down to http';
  const host = bareHostname(to);
  if (to.hostname !== from.hostname && (isBogon(host) || /(^|\.)localhost\.?$/i.test(host)))
    return `it leads to a private or loopback address (${to.host})`;
  return null;
}

/** The URL's host name as a resolver takes it: an IPv6 literal without its brackets. */
function bareHostname(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '');
}

/**
 * GETs `url` and returns its answer once the status is 2xx, retrying 5xx, 429, timeouts and failed connections.
 * Other statuses (404, 403) and a host that does not resolve are RemoteErrors at once; so is a failure that
 * lasts through every retry. `what` names the request in messages.
 */
export async function politeGet(url: string, what: string, policy: FetchPolicy): Promise<FetchedBody> {
  for (let attempt = 0; ; attempt++) {
    const result = await tryGet(url, policy);
    if ('body' in result) return result;
    if (!result.retry || attempt >= policy.retries)
      throw new RemoteError(`${what}: ${result.reason}${attempt > 0 ? ` (after ${attempt + 1} tries)` : ''}`);
    const backoff = Math.min(BACKOFF_CAP_MS, policy.backoffMs * 2 ** attempt);
    // Full jitter between half and all of the backoff, so that clients that failed together do not retry together.
    let delay = Math.round(backoff * (0.5 + Math.random() / 2));
    if (result.after !== undefined) delay = Math.max(delay, Math.min(result.after, RETRY_AFTER_CAP_S) * 1000);
    policy.onRetry?.(what, attempt + 1, result.reason, delay);
    await new Promise((r) => setTimeout(r, delay));
  }
}

async function tryGet(url: string, policy: FetchPolicy): Promise<FetchedBody | TryFailure> {
  const { timeoutMs } = policy;
  const abort = new AbortController();
  let timer = setTimeout(() => abort.abort(), timeoutMs);
  let response: Response;
  try {
    const followed = await fetchFollowing(new URL(url), abort.signal, policy.transport);
    if ('reason' in followed) {
      clearTimeout(timer);
      return followed;
    }
    response = followed;
  } catch (err) {
    clearTimeout(timer);
    return connectFailure(err, abort.signal.aborted, timeoutMs);
  }
  if (response.status < 200 || response.status >= 300) {
    clearTimeout(timer);
    // The body of an error says why (S3 answers XML with a Code); read a little of it, then let it go.
    const detail = await response
      .text()
      .then((t) => /<Code>([^<]{1,80})<\/Code>/.exec(t)?.[1] ?? '')
      .catch(() => '');
    const retry = response.status >= 500 || response.status === 429;
    const after = Number(response.headers.get('retry-after'));
    return {
      reason: `HTTP ${response.status}${detail ? ` ${detail}` : ''}`,
      retry,
      ...(Number.isFinite(after) && after > 0 ? { after } : {}),
    };
  }
  const stream = response.body;
  async function* body(): AsyncGenerator<Buffer> {
    if (!stream) return;
    const reader = stream.getReader();
    try {
      for (;;) {
        clearTimeout(timer);
        timer = setTimeout(() => abort.abort(), timeoutMs);
        let piece: Awaited<ReturnType<typeof reader.read>>;
        try {
          piece = await reader.read();
        } catch (err) {
          throw new BodyBrokenError(
            abort.signal.aborted ? `no data for ${timeoutMs / 1000} s` : describe(err),
          );
        }
        if (piece.done) return;
        yield Buffer.from(piece.value.buffer, piece.value.byteOffset, piece.value.byteLength);
      }
    } finally {
      clearTimeout(timer);
      // A reader that stops early (the consumer gave up) releases the connection.
      await reader.cancel().catch(() => {});
    }
  }
  clearTimeout(timer);
  return { status: response.status, headers: response.headers, body: body() };
}

/**
 * GETs `url`, following redirects that `redirectRefusal` allows, at most MAX_REDIRECTS; a host other than the one
 * named is reached through `fetchPublic`, and its refusal (a name of a private address) ends the request at once.
 */
async function fetchFollowing(
  start: URL,
  signal: AbortSignal,
  transport: ArchiveTransport,
): Promise<Response | TryFailure> {
  let at = start;
  for (let hops = 0; ; hops++) {
    let response: Response;
    try {
      response =
        at.hostname === start.hostname
          ? await transport.fetch(at, { signal, redirect: 'manual' })
          : await transport.fetchPublic(at, { signal, redirect: 'manual' });
    } catch (err) {
      const cause = (err as { cause?: { code?: string; address?: string } }).cause;
      if (cause?.code !== PRIVATE_ADDRESS_CODE) throw err;
      return {
        reason: `a redirect to ${at.href.slice(0, 200)} not followed: it leads to ${at.host}, a name of a private or loopback address (${cause.address})`,
        retry: false,
      };
    }
    const location = response.headers.get('location');
    if (!REDIRECT_STATUSES.has(response.status) || location === null) return response;
    await response.body?.cancel().catch(() => {});
    let next: URL;
    try {
      next = new URL(location, at);
    } catch {
      return { reason: `HTTP ${response.status} to an address that is not a URL`, retry: false };
    }
    const refusal =
      hops >= MAX_REDIRECTS ? `more than ${MAX_REDIRECTS} redirects` : redirectRefusal(at, next);
    if (refusal)
      return { reason: `a redirect to ${next.href.slice(0, 200)} not followed: ${refusal}`, retry: false };
    at = next;
  }
}

/** A failure before any answer: a timeout or a refused connection may pass; a name that does not resolve will not. */
function connectFailure(err: unknown, timedOut: boolean, timeoutMs: number): TryFailure {
  if (timedOut) return { reason: `no answer within ${timeoutMs / 1000} s`, retry: true };
  const code = (err as { cause?: { code?: string } }).cause?.code;
  if (code === 'ENOTFOUND')
    return { reason: 'cannot reach the server (its name does not resolve)', retry: false };
  if (code === 'ECONNREFUSED') return { reason: 'cannot reach the server (connection refused)', retry: true };
  return { reason: `cannot reach the server (${describe(err)})`, retry: true };
}

function describe(err: unknown): string {
  const e = err as { message?: string; cause?: { code?: string; message?: string } };
  return e.cause?.code ?? e.cause?.message ?? e.message ?? String(err);
}
