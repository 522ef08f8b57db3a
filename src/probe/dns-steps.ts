/** DNS steps: the system resolver (getaddrinfo) and a DNS-over-UDP resolver, as OONI df-002 records. */
import type { DnsAnswer, DnsQuery } from '../model/measurement.js';
import { classifyError } from '../netx/classify.js';
import type { DnsReply } from '../netx/dns-message.js';
import { queryUdp } from '../netx/dns-udp.js';
import { ipVersion } from '../netx/ip-literal.js';
import { withTimeout } from '../netx/with-timeout.js';
import type { ProbeConfig } from './probe-config.js';
import type { Trace } from './trace.js';

export interface LookupResult {
  query: DnsQuery;
  addrs: string[];
}

/** Resolves `hostname` with the system resolver; the record uses OONI's `getaddrinfo`/`ANY` convention. */
export async function lookupStep(
  cfg: ProbeConfig,
  trace: Trace,
  hostname: string,
  tags: string[],
): Promise<LookupResult> {
  const t0 = trace.now();
  const transaction_id = trace.nextTransactionId();
  let addrs: string[] = [];
  let failure: string | null = null;
  try {
    addrs = await withTimeout(cfg.network.lookup(hostname), cfg.timeouts.dns, `lookup ${hostname}`);
    if (addrs.length === 0) failure = 'dns_no_answer';
  } catch (err) {
    failure = classifyError('resolve', err);
  }
  addrs = [...new Set(addrs)].slice(0, 64);
  const query: DnsQuery = {
    answers: failure ? null : addrs.map(answerFor),
    engine: 'getaddrinfo',
    failure,
    hostname,
    query_type: 'ANY',
    resolver_address: '',
    resolver_hostname: null,
    resolver_port: null,
    t0,
    t: trace.now(),
    tags,
    transaction_id,
  };
  return { query, addrs: failure ? [] : addrs };
}

/** Asks a DNS-over-UDP resolver ("ip:port") for the A records of `hostname`. */
export async function udpLookupStep(
  cfg: ProbeConfig,
  trace: Trace,
  server: string,
  hostname: string,
  tags: string[],
): Promise<LookupResult> {
  const { ip, port } = splitHostPort(server);
  const t0 = trace.now();
  const transaction_id = trace.nextTransactionId();
  const outcome = await queryUdp(cfg.network, { ip, port }, hostname, 'A', cfg.timeouts.dns);
  const query = replyRecord(outcome, {
    engine: 'udp',
    hostname,
    resolverAddress: server,
    t0,
    t: trace.now(),
    tags,
    transactionId: transaction_id,
  });
  query.raw_response = outcome.raw?.toString('base64');
  return { query, addrs: answeredAddrs(outcome) };
}

/** Where and when a reply came from, for its record. */
export interface ReplyContext {
  /** OONI's engine name: `udp`, `dot`, `doh`. */
  engine: string;
  hostname: string;
  resolverAddress: string;
  t0: number;
  t: number;
  tags: string[];
  transactionId: number;
}

/** A DNS reply (any transport) as a df-002 query record asking for A records. */
export function replyRecord(reply: DnsReply, at: ReplyContext): DnsQuery {
  return {
    answers: reply.failure
      ? null
      : reply.answers.map((a) =>
          a.type === 'CNAME'
            ? { answer_type: 'CNAME', hostname: a.data, ttl: a.ttl }
            : { ...answerFor(a.data), ttl: a.ttl },
        ),
    engine: at.engine,
    failure: reply.failure,
    hostname: at.hostname,
    query_type: 'A',
    rcode: reply.rcode ?? undefined,
    resolver_address: at.resolverAddress,
    t0: at.t0,
    t: at.t,
    tags: at.tags,
    transaction_id: at.transactionId,
  };
}

/** The A addresses of a reply that succeeded. */
export function answeredAddrs(reply: DnsReply): string[] {
  return reply.failure ? [] : reply.answers.filter((a) => a.type === 'A').map((a) => a.data);
}

function answerFor(ip: string): DnsAnswer {
  return ipVersion(ip) === 6
    ? { answer_type: 'AAAA', ipv6: ip, ttl: null }
    : { answer_type: 'A', ipv4: ip, ttl: null };
}

/** Splits "ip:port" or "[v6]:port". */
export function splitHostPort(text: string): { ip: string; port: number } {
  const m = /^\[?([^\]]+?)\]?:(\d+)$/.exec(text);
  if (!m) return { ip: text, port: 53 };
  return { ip: m[1]!, port: Number(m[2]) };
}
