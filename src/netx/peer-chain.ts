/**
 * The certificate chain a TLS peer presented, leaf first, linked the way Node's getPeerCertificate(true)
 * links it (each certificate followed by the one among those sent that issued it, unrelated extras left
 * out) and ended, like it, with the locally trusted root that issued the last one.
 *
 * Built from getPeerX509Certificate(), which hands over the certificates already decoded; the detailed
 * getPeerCertificate(true) copies and re-decodes every one and turns each into a JS object with three
 * fingerprints: about a fifth of a millisecond of CPU per handshake, most of what a probe run spends
 * outside the handshake itself. Node 20: once getPeerX509Certificate() has run, getPeerCertificate()
 * on the same socket returns `{}`, so nothing may ask for it afterwards.
 */
import { X509Certificate } from 'node:crypto';
import tls from 'node:tls';

/** Longest chain recorded (a peer may send any number of certificates). */
export const MAX_CHAIN = 10;

/** Trusted roots, found by subject. */
export type TrustIndex = Map<string, X509Certificate[]>;

/** The chain of `socket`'s peer as DER, leaf first; empty when the peer sent no certificate. */
export function peerChain(socket: tls.TLSSocket, trust: TrustIndex): Buffer[] {
  const sent: X509Certificate[] = [];
  for (let c = socket.getPeerX509Certificate(); c && sent.length < MAX_CHAIN * 2; c = c.issuerCertificate) {
    sent.push(c);
  }
  if (sent.length === 0) return [];
  const chain = [sent.shift()!];
  let last = chain[0]!;
  while (chain.length < MAX_CHAIN && !selfSigned(last)) {
    const i = sent.findIndex((c) => last.checkIssued(c));
    const issuer = i >= 0 ? sent.splice(i, 1)[0]! : trustedIssuer(last, trust);
    if (!issuer) break;
    chain.push(issuer);
    last = issuer;
  }
  return chain.map((c) => c.raw);
}

function selfSigned(cert: X509Certificate): boolean {
  return cert.checkIssued(cert);
}

function trustedIssuer(cert: X509Certificate, trust: TrustIndex): X509Certificate | undefined {
  return trust.get(cert.issuer)?.find((root) => cert.checkIssued(root));
}

/** Indexes the certificates of PEM text(s) (one string may hold several) by subject. */
export function trustIndex(pems: readonly (string | Buffer)[]): TrustIndex {
  const index: TrustIndex = new Map();
  for (const pem of pems) {
    for (const block of String(pem).match(PEM_BLOCK) ?? []) {
      let cert: X509Certificate;
      try {
        cert = new X509Certificate(block);
      } catch {
        continue; // OpenSSL refuses it as a trust anchor as well
      }
      const same = index.get(cert.subject);
      if (same) same.push(cert);
      else index.set(cert.subject, [cert]);
    }
  }
  return index;
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

let bundledRoots: TrustIndex | undefined;

/** Node's bundled roots, indexed once: the trust of a handshake given no CA of its own. */
export function bundledTrust(): TrustIndex {
  bundledRoots ??= trustIndex(tls.rootCertificates);
  return bundledRoots;
}
