/** Runs a TLS handshake over a connected socket and records what the peer presented, trusted or not. */
import type { X509Certificate } from 'node:crypto';
import type net from 'node:net';
import tls from 'node:tls';
import type { Failure } from '../model/failure.js';
import { classifyCertificateError, classifyError } from './classify.js';
import {
  bundledTrust,
  hostIdentity,
  linkChain,
  sentCertificates,
  type TrustIndex,
  trustIndex,
} from './peer-chain.js';
import { withTimeout } from './with-timeout.js';

export interface TlsOptions {
  serverName: string;
  /** Trusted roots; defaults to Node's bundled store. */
  ca?: string | Buffer | (string | Buffer)[];
  alpn?: string[];
  timeoutMs: number;
  /**
   * False: the chain is recorded and `authorizationError` says what was wrong with it, but the handshake counts as
   * a success (OONI's `no_tls_verify`: Tor relays present self-signed certificates by design). Default true.
   */
  verify?: boolean;
}

export interface TlsOutcome {
  /** The secure socket when the handshake succeeded and the chain verified; the caller owns it. */
  socket: tls.TLSSocket | null;
  failure: Failure | null;
  tlsVersion: string;
  cipherSuite: string;
  alpn: string;
  /** DER certificates, leaf first, as far as the chain could be linked (includes the local root when verified). */
  chain: Buffer[];
  /** OpenSSL's verification error when the chain did not verify (the handshake itself completed). */
  authorizationError: string | null;
}

/**
 * Handshakes with SNI `serverName`. Verification is done after the handshake (not by aborting it),
 * so an intercepting or untrusted chain is still recorded; it then yields an `ssl_*` failure.
 * Consumes `raw`: on failure it is destroyed.
 */
export async function handshakeTls(raw: net.Socket, opts: TlsOptions): Promise<TlsOutcome> {
  const empty = { tlsVersion: '', cipherSuite: '', alpn: '', chain: [], authorizationError: null };
  const trusted = trustFor(opts.ca);
  const secure = tls.connect({
    socket: raw,
    secureContext: trusted.context,
    host: opts.serverName, // what Node checks the certificate's names against
    servername: isIpLiteral(opts.serverName) ? undefined : opts.serverName,
    ALPNProtocols: opts.alpn ?? ['h2', 'http/1.1'],
    rejectUnauthorized: false,
  });
  // Node checks the host name on getPeerCertificate(true), a detailed copy of the whole chain, of which the
  // check reads the leaf's names only: during the handshake it gets them from the decoded certificates,
  // read once for the check and the recorded chain (see peer-chain.ts).
  let sent: X509Certificate[] | undefined;
  const certificates = () => {
    sent ??= sentCertificates(secure);
    return sent;
  };
  secure.getPeerCertificate = (() => hostIdentity(certificates()[0])) as tls.TLSSocket['getPeerCertificate'];
  try {
    await withTimeout(
      new Promise<void>((resolve, reject) => {
        secure.once('secureConnect', () => {
          secure.removeListener('error', reject);
          resolve();
        });
        secure.once('error', reject);
        secure.once('close', () => reject(Object.assign(new Error('socket disconnected'), { code: 'EOF' })));
      }),
      opts.timeoutMs,
      `TLS handshake with ${opts.serverName}`,
      () => secure.destroy(),
    );
  } catch (err) {
    secure.destroy();
    raw.destroy();
    const failure =
      (err as NodeJS.ErrnoException).code === 'EOF' ? 'eof_error' : classifyError('tls_handshake', err);
    return { socket: null, failure, ...empty };
  } finally {
    delete (secure as Partial<tls.TLSSocket>).getPeerCertificate;
  }
  secure.on('error', () => {}); // later errors surface through the HTTP step
  const outcome: TlsOutcome = {
    socket: secure,
    failure: null,
    tlsVersion: secure.getProtocol() ?? '',
    cipherSuite: secure.getCipher()?.standardName ?? '',
    alpn: typeof secure.alpnProtocol === 'string' ? secure.alpnProtocol : '',
    chain: linkChain(certificates(), trusted.roots),
    authorizationError: null,
  };
  if (!secure.authorized) {
    const code = String(secure.authorizationError ?? 'CERT_UNTRUSTED');
    const hostError = code === 'ERR_TLS_CERT_ALTNAME_INVALID';
    outcome.authorizationError = code;
    if (opts.verify !== false)
      outcome.failure = hostError ? 'ssl_invalid_hostname' : classifyCertificateError(code);
  }
  if (outcome.failure) {
    secure.destroy();
    outcome.socket = null;
  }
  return outcome;
}

interface Trusted {
  context: tls.SecureContext;
  roots: TrustIndex;
}

let bundled: Trusted | undefined;
const byList = new WeakMap<object, Trusted>();
const byText = new Map<string, Trusted>();

/** One secure context and root index per trust store: building one parses every root, far too slow per connection. */
function trustFor(ca: TlsOptions['ca']): Trusted {
  if (ca === undefined) {
    bundled ??= { context: tls.createSecureContext(), roots: bundledTrust() };
    return bundled;
  }
  const make = (): Trusted => ({ context: tls.createSecureContext({ ca }), roots: trustIndex([ca].flat()) });
  if (typeof ca === 'string' || Buffer.isBuffer(ca)) return cached(byText, String(ca), make);
  return cached(byList, ca, make);
}

function cached<K, V>(map: { get(k: K): V | undefined; set(k: K, v: V): unknown }, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

function isIpLiteral(name: string): boolean {
  return /^[\d.]+$/.test(name) || name.includes(':');
}
