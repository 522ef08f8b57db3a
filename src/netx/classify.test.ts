import { describe, expect, it } from 'vitest';
import { classifyCertificateError, classifyError, timeoutError } from './classify.js';

const err = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('classifyError: Node errors to OONI failure strings, per operation', () => {
  it('maps the same code differently for DNS and TCP', () => {
    expect(classifyError('connect', err('ECONNREFUSED'))).toBe('connection_refused');
    expect(classifyError('resolve', err('ECONNREFUSED'))).toBe('dns_server_misbehaving');
    expect(classifyError('resolve', err('ENOTFOUND'))).toBe('dns_nxdomain_error');
    expect(classifyError('resolve', err('ENODATA'))).toBe('dns_no_answer');
    expect(classifyError('resolve', err('ESERVFAIL'))).toBe('dns_servfail_error');
    expect(classifyError('resolve', err('EREFUSED'))).toBe('dns_refused_error');
  });

  it('names censorship symptoms as OONI does (feasibility.md §5)', () => {
    expect(classifyError('connect', timeoutError('connect', 10))).toBe('generic_timeout_error');
    expect(classifyError('resolve', err('ETIMEOUT'))).toBe('generic_timeout_error');
    expect(classifyError('tls_handshake', err('ECONNRESET'))).toBe('connection_reset');
    expect(classifyError('connect', err('EHOSTUNREACH'))).toBe('host_unreachable');
    expect(classifyError('connect', err('ENETUNREACH'))).toBe('network_unreachable');
    expect(classifyError('tls_handshake', err('ERR_SSL_WRONG_VERSION_NUMBER', 'wrong version number'))).toBe(
      'ssl_failed_handshake',
    );
    expect(classifyError('tls_handshake', err('UNABLE_TO_GET_ISSUER_CERT_LOCALLY'))).toBe(
      'ssl_unknown_authority',
    );
    expect(classifyError('http_round_trip', new Error('aborted'))).toBe('eof_error');
  });

  it('keeps unknown errors as unknown_failure with the message scrubbed and bounded', () => {
    const failure = classifyError('connect', new Error(`odd thing at 203.0.113.9 ${'x'.repeat(500)}`), (s) =>
      s.replace('203.0.113.9', '[scrubbed]'),
    );
    expect(failure.startsWith('unknown_failure: odd thing at [scrubbed]')).toBe(true);
    expect(failure.length).toBeLessThanOrEqual('unknown_failure: '.length + 200);
  });

  it('classifies certificate verification results', () => {
    expect(classifyCertificateError('CERT_HAS_EXPIRED')).toBe('ssl_invalid_certificate');
    expect(classifyCertificateError('DEPTH_ZERO_SELF_SIGNED_CERT')).toBe('ssl_unknown_authority');
    expect(classifyCertificateError('SOMETHING_NEW')).toBe('ssl_invalid_certificate');
  });
});
