/**
 * A TLS peer's certificates, read once and decoded (getPeerX509Certificate()), for two uses:
 * - the chain recorded in a measurement, leaf first, linked the way Node's getPeerCertificate(true) links
 *   it (each certificate followed by the one among those sent that issued it, unrelated extras left out)
 *   and ended, like it, with the locally trusted root that issued the last one;
 * - the names Node's host-name check reads.
 *
 * getPeerCertificate(true), which Node would otherwise build for its check, copies and re-decodes every
 * certificate and turns each into a JS object with three fingerprints: a fifth of a millisecond of CPU
 * per handshake. Node 20 hands the peer's certificates over once: after getPeerX509Certificate(), both it
 * and getPeerCertificate() return nothing on the same socket.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import tls from 'node:tls';

/** Longest chain recorded (a peer may send any number of certificates). */
export const MAX_CHAIN = 10;

/** Trusted roots, found by subject. */
export type TrustIndex = Map<string, X509Certificate[]>;

/**
 * The certificates `socket`'s peer sent, decoded, leaf first, in the order sent. Node 20 hands them over
 * once: ask once per socket and share the answer.
 */
export function sentCertificates(socket: tls.TLSSocket): X509Certificate[] {
  const sent: X509Certificate[] = [];
  for (let c = socket.getPeerX509Certificate(); c && sent.length < MAX_CHAIN * 2; c = c.issuerCertificate) {
    sent.push(c);
  }
  return sent;
}

/** The chain as DER, leaf first: linked from the `sent` certificates, then ended with a trusted root. */
export function linkChain(sent: readonly X509Certificate[], trust: TrustIndex): Buffer[] {
  if (sent.length === 0) return [];
  const unused = sent.slice(1);
  const chain = [sent[0]!];
  let last = chain[0]!;
  while (chain.length < MAX_CHAIN && !selfSigned(last)) {
    const i = unused.findIndex((c) => last.checkIssued(c));
    const issuer = i >= 0 ? unused.splice(i, 1)[0]! : trustedIssuer(last, trust);
    if (!issuer) break;
    chain.push(issuer);
    last = issuer;
  }
  return chain.map((c) => c.raw);
}

/**
 * What tls.checkServerIdentity reads of a certificate (its subject's CN and its subjectAltName), in the
 * shape of getPeerCertificate()'s object, taken from the decoded leaf.
 */
export function hostIdentity(leaf: X509Certificate | undefined): tls.PeerCertificate {
  if (!leaf) return {} as tls.PeerCertificate;
  const cn = subjectField(leaf.subject, 'CN');
  const identity = { subject: cn === undefined ? {} : { CN: cn } } as tls.PeerCertificate;
  if (leaf.subjectAltName !== undefined) identity.subjectaltname = leaf.subjectAltName;
  return identity;
}

/**
 * One field of a subject as X509Certificate prints it ("C=KZ\nCN=a\\,b": one attribute a line, RFC 2253
 * escapes): the value, unescaped, or an array when the field repeats, as getPeerCertificate() gives it.
 */
export function subjectField(subject: string, field: string): string | string[] | undefined {
  const values = subject
    .split('\n')
    .filter((line) => line.startsWith(`${field}=`))
    .map((line) => unescape2253(line.slice(field.length + 1)));
  return values.length === 0 ? undefined : values.length === 1 ? values[0] : values;
}

function unescape2253(value: string): string {
  return value.replace(/\\([0-9A-Fa-f]{2}|.)/g, (_, c: string) =>
    c.length === 2 ? String.fromCharCode(Number.parseInt(c, 16)) : c,
  );
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

/**
 * The roots Node trusts by default, indexed once: its bundled ones and those of NODE_EXTRA_CA_CERTS, which Node
 * read at start-up (Node 20 has no call that lists them).
 */
export function bundledTrust(): TrustIndex {
  bundledRoots ??= trustIndex([...tls.rootCertificates, ...extraCaCertificates()]);
  return bundledRoots;
}

function extraCaCertificates(): string[] {
  const file = process.env.NODE_EXTRA_CA_CERTS;
  if (!file) return [];
  try {
    return [readFileSync(file, 'utf8')];
  } catch {
    return []; // Node warned about it at start-up and trusts none of it either
  }
}
