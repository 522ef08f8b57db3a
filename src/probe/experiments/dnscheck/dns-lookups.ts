/** One lookup of dnscheck through one address of a resolver, over UDP, DNS over TLS or DNS over HTTPS, as urlgetter keys. */
import type { DnsCheckLookup } from '../../../model/app-test-keys.js';
import { decodeReply, encodeQuery } from '../../../netx/dns-message.js';
import { queryOverStream } from '../../../netx/dns-over-stream.js';
import { joinHostPort } from '../../../shared/host-port.js';
import { type ReplyContext, replyRecord, udpLookupStep } from '../../dns-steps.js';
import { httpStep } from '../../http-step.js';
import type { ProbeConfig } from '../../probe-config.js';
import { tcpStep } from '../../tcp-step.js';
import { tlsStep } from '../../tls-step.js';
import type { Trace } from '../../trace.js';
import type { ResolverUrl } from './resolver-url.js';

const DNS_MESSAGE = 'application/dns-message';

/** Resolves `domain` through `resolver` at `addr`; every failure is a record. */
export async function lookupThrough(
  cfg: ProbeConfig,
  trace: Trace,
  resolver: ResolverUrl,
  addr: string,
  domain: string,
): Promise<DnsCheckLookup> {
  const keys = emptyLookup();
  const address = joinHostPort(addr, resolver.port);
  if (resolver.transport === 'udp') {
    const udp = await udpLookupStep(cfg, trace, address, domain, []);
    keys.queries!.push(udp.query);
    return finish(keys, udp.query.failure ? 'resolve' : null, udp.query.failure);
  }
  const tcp = await tcpStep(cfg, trace, addr, resolver.port, []);
  keys.tcp_connect!.push(tcp.record);
  keys.network_events!.push(tcp.event);
  if (!tcp.socket) return finish(keys, 'connect', tcp.record.status.failure);
  const tls = await tlsStep(cfg, trace, tcp.socket, address, resolver.host, [], tcp.transactionId);
  keys.tls_handshakes!.push(tls.record);
  keys.network_events!.push(...tls.events);
  if (!tls.outcome.socket) return finish(keys, 'tls_handshake', tls.record.failure);
  const at = (t0: number): ReplyContext => ({
    engine: resolver.transport,
    hostname: domain,
    resolverAddress: resolver.transport === 'doh' ? resolver.url.href : address,
    t0,
    t: trace.now(),
    tags: [],
    transactionId: tcp.transactionId,
  });
  if (resolver.transport === 'dot') {
    const t0 = trace.now();
    const reply = await queryOverStream(tls.outcome.socket, domain, 'A', cfg.timeouts.dns);
    tls.outcome.socket.destroy();
    keys.queries!.push(replyRecord(reply, at(t0)));
    return finish(keys, reply.failure ? 'resolve' : null, reply.failure);
  }
  // DNS over HTTPS (RFC 8484): a POST of the message, id 0, answered with a message.
  const query = encodeQuery(domain, 'A', 0);
  const t0 = trace.now();
  const http = await httpStep(
    cfg,
    trace,
    tls.outcome.socket,
    resolver.url,
    address,
    tls.outcome.alpn,
    [],
    tcp.transactionId,
    {
      method: 'POST',
      body: query.bytes,
      maxBodyBytes: 65_535,
      headers: { 'content-type': DNS_MESSAGE, accept: DNS_MESSAGE },
    },
  );
  keys.requests!.push(http.record);
  keys.network_events!.push(...http.events);
  if (http.record.failure) return finish(keys, 'http_round_trip', http.record.failure);
  const reply =
    http.outcome.status !== 200
      ? { failure: 'http_request_failed', rcode: null, answers: [] }
      : (decodeReply(http.outcome.body, query.id, 'A') ?? {
          failure: 'dns_reply_with_wrong_query_id',
          rcode: null,
          answers: [],
        });
  keys.queries!.push(replyRecord(reply, at(t0)));
  return finish(keys, reply.failure ? 'resolve' : null, reply.failure);
}

function finish(keys: DnsCheckLookup, operation: string | null, failure: string | null): DnsCheckLookup {
  keys.failed_operation = failure ? operation : null;
  keys.failure = failure;
  return keys;
}

function emptyLookup(): DnsCheckLookup {
  return {
    agent: 'redirect',
    failed_operation: null,
    failure: null,
    network_events: [],
    queries: [],
    requests: [],
    tcp_connect: [],
    tls_handshakes: [],
  };
}
