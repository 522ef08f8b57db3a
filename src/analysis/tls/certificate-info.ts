/** Parses DER certificates (base64, as archived in peer_certificates) into the hashes and names the TLS rules need, with a bounded cache. */
import { createHash, X509Certificate } from 'node:crypto';

/** What the interception rules need from one certificate (hashes are lowercase hex). */
export interface CertificateInfo {
  sha256: string;
  sha1: string;
  /** SHA-256 of the DER SubjectPublicKeyInfo; null when the key cannot be exported. */
  spkiSha256: string | null;
  /** Distinguished names as `C=KZ, O=ISCA, CN=...` (Node's order, comma-joined). */
  issuer: string;
  subject: string;
}

/** Certificates larger than this are not parsed (real ones are a few KiB): hostile input. */
export const MAX_CERTIFICATE_BYTES = 64 * 1024;
const CACHE_LIMIT = 4096;
// The same few chains appear in millions of measurements: parse each once.
const cache = new Map<string, CertificateInfo | null>();

/** Parses one base64 DER certificate; null when it is not a certificate. Never throws. */
export function certificateInfo(base64Der: string): CertificateInfo | null {
  if (
    typeof base64Der !== 'string' ||
    base64Der.length === 0 ||
    base64Der.length > (MAX_CERTIFICATE_BYTES * 4) / 3 + 4
  ) {
    return null;
  }
  const hit = cache.get(base64Der);
  if (hit !== undefined) return hit;
  const info = parse(base64Der);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(base64Der, info);
  return info;
}

function parse(base64Der: string): CertificateInfo | null {
  const der = Buffer.from(base64Der, 'base64');
  if (der.length === 0) return null;
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(der);
  } catch {
    return null;
  }
  let spkiSha256: string | null = null;
  try {
    const spki = cert.publicKey.export({ type: 'spki', format: 'der' });
    spkiSha256 = createHash('sha256').update(spki).digest('hex');
  } catch {
    spkiSha256 = null;
  }
  return {
    sha256: createHash('sha256').update(der).digest('hex'),
    sha1: createHash('sha1').update(der).digest('hex'),
    spkiSha256,
    issuer: distinguishedName(cert.issuer),
    subject: distinguishedName(cert.subject),
  };
}

/**
 * Node prints one `key=value` per line; we keep them on one line for evidence and matching. An empty name (Signal's
 * sfu.voip.signal.org leaf has no subject) comes as undefined.
 */
function distinguishedName(text: string | undefined): string {
  return (text ?? '')
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean)
    .join(', ');
}
