/** Classifies Node errors into OONI failure strings, per operation (the same errno means different things in DNS and TCP). */
import type { Failure } from '../model/failure.js';

/** The operation that failed; the same Node code maps differently per operation. */
export type Operation = 'resolve' | 'connect' | 'tls_handshake' | 'http_round_trip' | 'read';

/** Our own timers reject with this code, so a stalled peer reads as `generic_timeout_error`. */
export const TIMEOUT_CODE = 'NETFREEDOM_TIMEOUT';

/** A timeout raised by one of our step timers. */
export function timeoutError(what: string, ms: number): NodeJS.ErrnoException {
  const err: NodeJS.ErrnoException = new Error(`${what} timed out after ${ms} ms`);
  err.code = TIMEOUT_CODE;
  return err;
}

const COMMON: Record<string, Failure> = {
  [TIMEOUT_CODE]: 'generic_timeout_error',
  ETIMEDOUT: 'generic_timeout_error',
  ETIMEOUT: 'generic_timeout_error',
  ECONNRESET: 'connection_reset',
  EPIPE: 'connection_reset',
  ECONNABORTED: 'connection_aborted',
  EHOSTUNREACH: 'host_unreachable',
  ENETUNREACH: 'network_unreachable',
  ENETDOWN: 'network_down',
  ENETRESET: 'network_reset',
  ERR_SOCKET_CLOSED: 'connection_already_closed',
  ABORT_ERR: 'interrupted',
};

const RESOLVE: Record<string, Failure> = {
  ENOTFOUND: 'dns_nxdomain_error',
  ENODATA: 'dns_no_answer',
  ESERVFAIL: 'dns_servfail_error',
  EREFUSED: 'dns_refused_error',
  EAI_AGAIN: 'dns_temporary_failure',
  EAI_FAIL: 'dns_non_recoverable_failure',
  EBADRESP: 'dns_server_misbehaving',
  EFORMERR: 'dns_server_misbehaving',
  EBADQUERY: 'dns_server_misbehaving',
  ECONNREFUSED: 'dns_server_misbehaving', // c-ares: "could not contact DNS servers"
  EWRONGID: 'dns_reply_with_wrong_query_id',
  EBOGON: 'dns_bogon_error',
};

/** Certificate verification errors (OpenSSL codes as Node reports them). */
const CERTIFICATE: Record<string, Failure> = {
  ERR_TLS_CERT_ALTNAME_INVALID: 'ssl_invalid_hostname',
  HOSTNAME_MISMATCH: 'ssl_invalid_hostname',
  UNABLE_TO_GET_ISSUER_CERT: 'ssl_unknown_authority',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'ssl_unknown_authority',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'ssl_unknown_authority',
  SELF_SIGNED_CERT_IN_CHAIN: 'ssl_unknown_authority',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'ssl_unknown_authority',
  CERT_UNTRUSTED: 'ssl_unknown_authority',
  CERT_HAS_EXPIRED: 'ssl_invalid_certificate',
  CERT_NOT_YET_VALID: 'ssl_invalid_certificate',
  CERT_REVOKED: 'ssl_invalid_certificate',
  CERT_SIGNATURE_FAILURE: 'ssl_invalid_certificate',
  INVALID_CA: 'ssl_invalid_certificate',
  INVALID_PURPOSE: 'ssl_invalid_certificate',
  ERR_TLS_CERT_SIGNATURE_ALGORITHM_UNSUPPORTED: 'ssl_invalid_certificate',
};

/**
 * Maps an error raised during `operation` to OONI's vocabulary. Unknown errors become
 * `unknown_failure: <message>` with addresses removed by `scrub`.
 */
export function classifyError(
  operation: Operation,
  err: unknown,
  scrub: (s: string) => string = (s) => s,
): Failure {
  const e = err as NodeJS.ErrnoException & { reason?: string };
  const code = typeof e?.code === 'string' ? e.code : '';
  if (operation === 'resolve' && code in RESOLVE) return RESOLVE[code]!;
  if (code === 'ECONNREFUSED') return 'connection_refused';
  if (code in COMMON) return COMMON[code]!;
  if (code in CERTIFICATE) return CERTIFICATE[code]!;
  if (operation === 'tls_handshake') {
    // OpenSSL's alerts and a non-TLS answer (ERR_SSL_WRONG_VERSION_NUMBER, ...): the handshake itself failed.
    if (code.startsWith('ERR_SSL_') || /ssl|tls|handshake|alert/i.test(e?.message ?? ''))
      return 'ssl_failed_handshake';
    if (/socket disconnected|closed/i.test(e?.message ?? '')) return 'eof_error';
  }
  if (/^(aborted|socket hang up)$/i.test(e?.message ?? '') || code === 'ERR_STREAM_PREMATURE_CLOSE')
    return 'eof_error';
  if (operation === 'resolve' && code === 'ENOTFOUND') return 'dns_nxdomain_error';
  const message = e instanceof Error ? e.message : String(err);
  return `unknown_failure: ${scrub(message).slice(0, 200)}`;
}

/** Classifies an OpenSSL verification result (`authorizationError`) after a handshake that completed. */
export function classifyCertificateError(code: string): Failure {
  return CERTIFICATE[code] ?? 'ssl_invalid_certificate';
}
