/** The decoded certificate chains of a measurement's TLS handshakes, in the API's names. */
import { z } from 'zod';
import type { CertificateChain, CertificateInfo } from '../certificate-chains.js';
import { named } from './api-schemas.js';

const certificateJson = named(
  'Certificate',
  'One certificate of a peer chain as the dashboard shows it',
  z.strictObject({
    subject: z.string(),
    issuer: z.string(),
    valid_from: z.string().describe('ISO 8601 UTC'),
    valid_to: z.string().describe('ISO 8601 UTC'),
    fingerprint_sha256: z.string().describe('SHA-256 of the DER bytes, colon-separated hex'),
  }),
);

const undecodableJson = named(
  'UndecodableCertificate',
  'A chain entry that could not be decoded (the measurement is hostile input)',
  z.strictObject({ error: z.string() }),
);

/** One handshake's chain, leaf first. */
export const certificateChainJson = named(
  'CertificateChain',
  "One TLS handshake's peer chain from the raw measurement, leaf first",
  z.strictObject({
    address: z.string().nullable().describe('the address dialled, "ip:port"'),
    server_name: z.string().nullable().describe('the SNI sent'),
    certificates: z.array(z.union([certificateJson, undecodableJson])),
  }),
);

export type CertificateChainJson = z.output<typeof certificateChainJson>;
export type CertificateJson = z.output<typeof certificateJson>;

/** A chain in the API's names. */
export function toCertificateChainJson(chain: CertificateChain): CertificateChainJson {
  return {
    address: chain.address,
    server_name: chain.serverName,
    certificates: chain.certificates.map((c) => ('error' in c ? { error: c.error } : toCertificateJson(c))),
  };
}

function toCertificateJson(c: CertificateInfo): z.output<typeof certificateJson> {
  return {
    subject: c.subject,
    issuer: c.issuer,
    valid_from: c.validFrom,
    valid_to: c.validTo,
    fingerprint_sha256: c.fingerprint256,
  };
}
