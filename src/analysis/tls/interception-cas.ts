/** The known state interception CAs (data/interception/known-interception-cas.json) and matching a certificate chain against them. */
import { readFileSync } from 'node:fs';
import { InvalidDataError } from '../../shared/errors.js';
import { dataPath } from '../../shared/paths.js';
import type { CertificateInfo } from './certificate-info.js';
import { pemCertificate } from './pem-certificate.js';

/**
 * One known interception CA. Hashes are lowercase hex. A bundled CA has them all, read from its certificate;
 * an entry without a certificate (a list someone else supplies) may know only some of them.
 */
export interface InterceptionCa {
  id: string;
  country: string;
  label: string;
  subject: string;
  sha256?: string;
  sha1?: string;
  spkiSha256?: string;
  /** Validity (ISO 8601 UTC), when the certificate is at hand. */
  notBefore?: string;
  notAfter?: string;
  /** The certificate file the figures were read from, relative to the list's folder. */
  certificate?: string;
}

/** Fields a certificate supplies: an entry that has a certificate must not repeat them by hand. */
const DERIVED_FIELDS = ['subject', 'sha256', 'sha1', 'spki_sha256', 'not_before', 'not_after'];

/** A chain certificate that matched a known CA, and how. */
export interface InterceptionCaMatch {
  ca: InterceptionCa | null;
  /** The CA's label, or the issuer pattern's country when only the issuer name matched. */
  name: string;
  how: 'sha256' | 'sha1' | 'spki' | 'issuer';
  certificate: CertificateInfo;
}

/** The loaded CA list with hash indexes. */
export class InterceptionCaDb {
  private readonly bySha256 = new Map<string, InterceptionCa>();
  private readonly bySha1 = new Map<string, InterceptionCa>();
  private readonly bySpki = new Map<string, InterceptionCa>();

  constructor(
    readonly cas: readonly InterceptionCa[],
    /** Issuer patterns: every `key=value` component of one pattern must appear in the DN. */
    readonly issuerPatterns: readonly { country: string; components: string[]; text: string }[],
  ) {
    for (const ca of cas) {
      if (ca.sha256) this.bySha256.set(ca.sha256, ca);
      if (ca.sha1) this.bySha1.set(ca.sha1, ca);
      if (ca.spkiSha256) this.bySpki.set(ca.spkiSha256, ca);
    }
  }

  /** The first known CA found in a chain (by hash first, then by issuer/subject name), or null. */
  matchChain(chain: readonly CertificateInfo[]): InterceptionCaMatch | null {
    for (const certificate of chain) {
      const ca =
        this.bySha256.get(certificate.sha256) ??
        this.bySha1.get(certificate.sha1) ??
        (certificate.spkiSha256 ? this.bySpki.get(certificate.spkiSha256) : undefined);
      if (ca) {
        const how = this.bySha256.has(certificate.sha256)
          ? 'sha256'
          : this.bySha1.has(certificate.sha1)
            ? 'sha1'
            : 'spki';
        return { ca, name: ca.label, how, certificate };
      }
    }
    for (const certificate of chain) {
      for (const dn of [certificate.issuer, certificate.subject]) {
        const parts = new Set(dn.split(', ').map((p) => p.trim()));
        const pattern = this.issuerPatterns.find((p) => p.components.every((c) => parts.has(c)));
        if (pattern) {
          // Several ISCA roots share one subject: name the CA only when the name is unambiguous.
          const same = this.cas.filter((c) => c.subject.split(', ').every((x) => parts.has(x)));
          const ca = same.length === 1 ? same[0]! : null;
          const cn = [...parts].find((x) => x.startsWith('CN='))?.slice(3) ?? pattern.text;
          return { ca, name: ca?.label ?? `${cn} (${pattern.country})`, how: 'issuer', certificate };
        }
      }
    }
    return null;
  }
}

/**
 * Parses the JSON file's content; a malformed entry is reported with its index. `readCertificate` returns the
 * PEM text of an entry's `certificate` path (relative to the list's folder), whose hashes and dates it derives.
 */
export function parseInterceptionCas(
  text: string,
  file: string,
  readCertificate?: (path: string) => string,
): InterceptionCaDb {
  let doc: { entries?: unknown; subject_patterns?: unknown };
  try {
    doc = JSON.parse(text);
  } catch {
    throw new InvalidDataError(file, 'not JSON');
  }
  if (!Array.isArray(doc.entries)) throw new InvalidDataError(file, 'missing "entries" array');
  const cas = doc.entries.map((e: Record<string, unknown>, i: number): InterceptionCa => {
    const where = `${file}: entries[${i}]`;
    if (typeof e?.id !== 'string' || typeof e.label !== 'string') {
      throw new InvalidDataError(where, 'needs string id and label');
    }
    const country = typeof e.country === 'string' ? e.country : '';
    if (typeof e.certificate === 'string') {
      const copied = DERIVED_FIELDS.filter((k) => k in e);
      if (copied.length > 0) {
        throw new InvalidDataError(
          where,
          `${copied.join(', ')} must come from the certificate, not be written here`,
        );
      }
      if (!readCertificate)
        throw new InvalidDataError(where, 'has a certificate but no folder to read it from');
      let pem: string;
      try {
        pem = readCertificate(e.certificate);
      } catch (err) {
        throw new InvalidDataError(where, `cannot read ${e.certificate} (${(err as Error).message})`);
      }
      const cert = pemCertificate(pem);
      if (!cert) throw new InvalidDataError(where, `${e.certificate} is not a PEM certificate`);
      return {
        id: e.id,
        country,
        label: e.label,
        subject: cert.subject,
        sha256: cert.sha256,
        sha1: cert.sha1,
        spkiSha256: cert.spkiSha256 ?? undefined,
        notBefore: cert.notBefore,
        notAfter: cert.notAfter,
        certificate: e.certificate,
      };
    }
    if (typeof e.subject !== 'string') {
      throw new InvalidDataError(where, 'needs a certificate, or a string subject and hashes');
    }
    const hex = (v: unknown) => (typeof v === 'string' ? v.toLowerCase().replace(/:/g, '') : undefined);
    return {
      id: e.id,
      country,
      label: e.label,
      subject: e.subject,
      sha256: hex(e.sha256),
      sha1: hex(e.sha1),
      spkiSha256: hex(e.spki_sha256),
    };
  });
  const patterns: { country: string; components: string[]; text: string }[] = [];
  for (const p of Array.isArray(doc.subject_patterns) ? doc.subject_patterns : []) {
    for (const text of Array.isArray(p?.issuer_contains) ? p.issuer_contains : []) {
      if (typeof text !== 'string') continue;
      patterns.push({
        country: String(p.country ?? ''),
        components: text.split(',').map((s) => s.trim()),
        text,
      });
    }
  }
  return new InterceptionCaDb(cas, patterns);
}

let cached: InterceptionCaDb | undefined;

/** Loads the bundled list and its certificates once and caches it. */
export function loadInterceptionCas(): InterceptionCaDb {
  cached ??= parseInterceptionCas(
    readFileSync(dataPath('interception', 'known-interception-cas.json'), 'utf8'),
    'data/interception/known-interception-cas.json',
    // Only files of the bundled folder: a path is a plain name under certificates/.
    (path) => {
      if (!/^certificates\/[a-z0-9-]+\.pem$/.test(path)) throw new Error('not a certificates/NAME.pem path');
      return readFileSync(dataPath('interception', path), 'utf8');
    },
  );
  return cached;
}
