/** Runs a TLS handshake over a connected socket and records what the peer presented, trusted or not. */
import type net from 'node:net';
import tls from 'node:tls';
import type { Failure } from '../model/failure.js';
import { classifyCertificateError, classifyError } from './classify.js';
import { withTimeout } from './with-timeout.js';

export interface TlsOptions {
  serverName: string;
  /** Trusted roots; defaults to Node's bundled store. */
  ca?: string | Buffer | (string | Buffer)[];
  alpn?: string[];
  timeoutMs: number;
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
  // When the chain verifies, Node builds the detailed peer chain itself to check the host name; we keep
  // that object instead of building the same one again (a fifth of a millisecond of CPU or more).
  let checked: tls.PeerCertificate | undefined;
  const secure = tls.connect({
    socket: raw,
    secureContext: contextFor(opts.ca),
    host: opts.serverName, // what Node checks the certificate's names against
    servername: isIpLiteral(opts.serverName) ? undefined : opts.serverName,
    ALPNProtocols: opts.alpn ?? ['h2', 'http/1.1'],
    rejectUnauthorized: false,
    checkServerIdentity: (host, cert) => {
      checked = cert;
      return tls.checkServerIdentity(host, cert);
    },
  });
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
  }
  secure.on('error', () => {}); // later errors surface through the HTTP step
  const outcome: TlsOutcome = {
    socket: secure,
    failure: null,
    tlsVersion: secure.getProtocol() ?? '',
    cipherSuite: secure.getCipher()?.standardName ?? '',
    alpn: typeof secure.alpnProtocol === 'string' ? secure.alpnProtocol : '',
    chain: peerChain((checked as tls.DetailedPeerCertificate | undefined) ?? secure.getPeerCertificate(true)),
    authorizationError: null,
  };
  if (!secure.authorized) {
    const code = String(secure.authorizationError ?? 'CERT_UNTRUSTED');
    const hostError = code === 'ERR_TLS_CERT_ALTNAME_INVALID';
    outcome.authorizationError = code;
    outcome.failure = hostError ? 'ssl_invalid_hostname' : classifyCertificateError(code);
  }
  if (outcome.failure) {
    secure.destroy();
    outcome.socket = null;
  }
  return outcome;
}

let defaultContext: tls.SecureContext | undefined;
const contexts = new WeakMap<object, tls.SecureContext>();

/** One secure context per trust store: building one parses every root, far too slow per connection. */
function contextFor(ca: TlsOptions['ca']): tls.SecureContext {
  if (ca === undefined) {
    defaultContext ??= tls.createSecureContext();
    return defaultContext;
  }
  if (typeof ca === 'string' || Buffer.isBuffer(ca)) return tls.createSecureContext({ ca });
  let context = contexts.get(ca);
  if (!context) {
    context = tls.createSecureContext({ ca });
    contexts.set(ca, context);
  }
  return context;
}

/**
 * The peer chain, leaf first, from getPeerCertificate(true)'s object (the one Node passed to the host
 * name check, or a new one when the chain did not verify and Node made none). getPeerCertificate(true)
 * must come before any getPeerX509Certificate() (Node 20).
 */
function peerChain(detailed: tls.DetailedPeerCertificate | undefined): Buffer[] {
  const chain: Buffer[] = [];
  let cert = detailed;
  while (cert?.raw && chain.length < 10) {
    chain.push(cert.raw);
    if (
      !cert.issuerCertificate ||
      cert.issuerCertificate === cert ||
      cert.issuerCertificate.raw.equals(cert.raw)
    )
      break;
    cert = cert.issuerCertificate;
  }
  return chain;
}

function isIpLiteral(name: string): boolean {
  return /^[\d.]+$/.test(name) || name.includes(':');
}
