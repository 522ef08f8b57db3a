/** Decodes the peer certificates of a measurement's TLS handshakes for display; hostile input, so bounded and never throwing. */
import { X509Certificate } from 'node:crypto';

/** What the dashboard shows of one certificate. */
export interface CertificateInfo {
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  fingerprint256: string;
}

/** One handshake's chain, leaf first; `error` when a certificate could not be decoded. */
export interface CertificateChain {
  address: string | null;
  serverName: string | null;
  certificates: (CertificateInfo | { error: string })[];
}

const MAX_HANDSHAKES = 20;
const MAX_CERTS = 10;
const MAX_CERT_BYTES = 64 * 1024;

/** Reads `test_keys.tls_handshakes[].peer_certificates` (base64 DER) from a raw measurement. */
export function certificateChains(raw: unknown): CertificateChain[] {
  const handshakes = (raw as { test_keys?: { tls_handshakes?: unknown } } | null)?.test_keys?.tls_handshakes;
  if (!Array.isArray(handshakes)) return [];
  return handshakes.slice(0, MAX_HANDSHAKES).flatMap((h) => {
    if (typeof h !== 'object' || h === null) return [];
    const { address, server_name, peer_certificates } = h as Record<string, unknown>;
    if (!Array.isArray(peer_certificates) || peer_certificates.length === 0) return [];
    return [
      {
        address: typeof address === 'string' ? address : null,
        serverName: typeof server_name === 'string' ? server_name : null,
        certificates: peer_certificates.slice(0, MAX_CERTS).map(decode),
      },
    ];
  });
}

function decode(entry: unknown): CertificateInfo | { error: string } {
  const data = (entry as { data?: unknown } | null)?.data;
  if (typeof data !== 'string' || data.length > (MAX_CERT_BYTES * 4) / 3 + 4)
    return { error: 'not a base64 certificate' };
  try {
    const cert = new X509Certificate(Buffer.from(data, 'base64'));
    return {
      subject: cert.subject.replace(/\n/g, ', '),
      issuer: cert.issuer.replace(/\n/g, ', '),
      validFrom: new Date(cert.validFrom).toISOString(),
      validTo: new Date(cert.validTo).toISOString(),
      fingerprint256: cert.fingerprint256,
    };
  } catch {
    return { error: 'could not decode the certificate' };
  }
}
