/** Reads one PEM certificate into the hashes, names and validity dates the interception list derives from it. */
import { X509Certificate } from 'node:crypto';
import { type CertificateInfo, certificateInfo } from './certificate-info.js';

/** A certificate's hashes and names (as for measurement chains) with its validity in ISO 8601 UTC. */
export interface PemCertificate extends CertificateInfo {
  notBefore: string;
  notAfter: string;
}

const BLOCK = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+)-----END CERTIFICATE-----/;

/** Parses the first certificate of a PEM text; null when there is none. Never throws. */
export function pemCertificate(pem: string): PemCertificate | null {
  const base64 = BLOCK.exec(pem)?.[1]?.replace(/\s+/g, '');
  if (!base64) return null;
  const info = certificateInfo(base64);
  if (!info) return null;
  // Hashes come from the same parser as measured chains, so a bundled root and a served one compare alike.
  const cert = new X509Certificate(Buffer.from(base64, 'base64'));
  return { ...info, notBefore: isoSeconds(cert.validFrom), notAfter: isoSeconds(cert.validTo) };
}

/** OpenSSL's "Feb  2 05:41:00 2016 GMT" as "2016-02-02T05:41:00Z". */
function isoSeconds(text: string): string {
  return new Date(text).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
