/**
 * A measurement's network steps in the order they happened: DNS, TCP, TLS (each handshake followed by netfreedom's
 * neutral-name retry of it, when there was one), then HTTP along the chain of redirects. Timed records are ordered
 * by when each step started; older OONI records, which list requests newest first, by their redirects.
 */
import { stepEnd, stepSpan } from './step-span.js';
import type { HttpTransaction, StepTimes, TestKeys, TlsHandshake } from './test-keys.js';

export interface NetworkStep {
  kind: 'DNS' | 'TCP' | 'TLS' | 'HTTP';
  label: string;
  /** netfreedom's retry of a failed handshake with a neutral name (x_tls.sni). */
  retry: boolean;
  /** When it started and ended; null unless both were recorded. */
  span: { start: number; end: number } | null;
  /** When it ended, when that alone was recorded. */
  end: number | null;
  /** How long it took, in seconds, when known. */
  duration: number | null;
  failure: string | null;
}

function step(kind: NetworkStep['kind'], label: string, at: StepTimes, failure: string | null): NetworkStep {
  const span = stepSpan(at);
  return {
    kind,
    label,
    retry: false,
    span,
    end: stepEnd(at),
    duration: span ? span.end - span.start : null,
    failure,
  };
}

/** The steps of `keys`; `input` (the measured URL) starts the chain of requests. */
export function networkSteps(keys: TestKeys, input: string | null): NetworkStep[] {
  const dns = keys.queries.map((q) => step('DNS', `${q.hostname}${resolverOf(q)}`, q, q.failure));
  const tcp = keys.tcp.map((c) => step('TCP', `${c.ip}:${c.port}`, c, c.failure));
  const handshakes = keys.tls.map((h) => ({
    h,
    s: step('TLS', `${h.serverName} @ ${h.address}`, h, h.failure),
  }));
  const http = requestChain(keys.requests, input).map((r) =>
    step('HTTP', `${r.url} → ${r.status ?? '–'}`, r, r.failure),
  );
  const main = [...dns, ...tcp, ...handshakes.map((x) => x.s), ...http];
  // Only when every step says when it started can they be put in time order; otherwise the flow's own order stands.
  if (main.every((s) => s.span)) main.sort((a, b) => a.span!.start - b.span!.start);
  const retries = keys.sniRetries.map((r) => ({
    of: handshakes.find(({ h }) => sameHandshake(h, r.address, r.targetServerName))?.s,
    s: {
      kind: 'TLS' as const,
      label: `${r.neutralServerName} @ ${r.address}`,
      retry: true,
      span: null,
      end: null,
      duration: r.neutralHandshakeTime,
      failure: r.neutralFailure,
    },
  }));
  const out = main.flatMap((s) => [s, ...retries.filter((r) => r.of === s).map((r) => r.s)]);
  return [...out, ...retries.filter((r) => !r.of).map((r) => r.s)];
}

function sameHandshake(h: TlsHandshake, address: string, serverName: string): boolean {
  return h.address === address && h.serverName === serverName && h.failure !== null;
}

/** Which resolver answered: the system's (getaddrinfo) or a DNS server asked directly. */
function resolverOf(q: { engine: string | null; resolverAddress: string | null }): string {
  if (!q.engine) return '';
  return q.resolverAddress ? ` · ${q.engine} ${q.resolverAddress}` : ` · ${q.engine}`;
}

/** `url` as a comparable absolute URL (`base` resolves a relative one); null when it is not a URL. */
function normalised(url: string, base?: string): string | null {
  try {
    return new URL(url, base).href;
  } catch {
    return null;
  }
}

/**
 * The requests in the order of the chain that starts at `input` and follows each response's Location; requests
 * outside it come after, oldest first (by their recorded end when every one has it, else as web_connectivity before
 * 0.5 lists them, newest first, reversed).
 */
export function requestChain<R extends Pick<HttpTransaction, 'url' | 'location'> & StepTimes>(
  requests: R[],
  input: string | null,
): R[] {
  const left = [...requests];
  const take = (url: string | null) => {
    const i = url === null ? -1 : left.findIndex((r) => normalised(r.url) === url);
    return i === -1 ? undefined : left.splice(i, 1)[0];
  };
  const chain: R[] = [];
  let next = take(input === null ? null : normalised(input));
  while (next) {
    chain.push(next);
    next = next.location ? take(normalised(next.location, next.url)) : undefined;
  }
  const ends = left.map((r) => stepEnd(r));
  const rest = ends.every((t) => t !== null)
    ? left
        .map((r, i) => ({ r, t: ends[i]! }))
        .sort((a, b) => a.t - b.t)
        .map((x) => x.r)
    : left.reverse();
  return [...chain, ...rest];
}
