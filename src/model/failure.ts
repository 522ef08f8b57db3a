/** OONI's closed failure vocabulary (ooni/spec df-007): network failures are data, never exceptions. */

/** Failure strings the probe itself emits; ingested data may carry others (legacy names, `unknown_failure: ...`). */
export const FAILURES = [
  'android_dns_cache_no_data',
  'connection_aborted',
  'connection_already_closed',
  'connection_refused',
  'connection_reset',
  'dns_bogon_error',
  'dns_no_answer',
  'dns_non_recoverable_failure',
  'dns_nxdomain_error',
  'dns_refused_error',
  'dns_reply_with_wrong_query_id',
  'dns_server_misbehaving',
  'dns_servfail_error',
  'dns_temporary_failure',
  'eof_error',
  'generic_timeout_error',
  'host_unreachable',
  'http_invalid_redirect_location_host',
  'http_request_failed',
  'http_unexpected_redirect_url',
  'http_unexpected_status_code',
  'interrupted',
  'network_down',
  'network_reset',
  'network_unreachable',
  'ssl_failed_handshake',
  'ssl_invalid_certificate',
  'ssl_invalid_hostname',
  'ssl_unknown_authority',
] as const;

export type KnownFailure = (typeof FAILURES)[number];

/** A failure string as found in measurements: a known one, or `unknown_failure: <scrubbed detail>`. */
export type Failure = KnownFailure | `unknown_failure: ${string}` | (string & {});
