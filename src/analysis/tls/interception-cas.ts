/** The known state interception CAs (data/interception/known-interception-cas.json) and matching a certificate chain against them. */
import { readFileSync } from 'node:fs';
import { InvalidDataError } from '../../shared/errors.js';
import { dataPath } from '../../shared/paths.js';
import type { CertificateInfo } from './certificate-info.js';

/** One known interception CA. Hashes are lowercase hex; any may be missing (some are known by SHA-1 only). */
export interface InterceptionCa {
  id: string;
  country: string;
  label: string;
  subject: string;
  sha256?: string;
  sha1?: string;
  spkiSha256?: string;
}

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

/** Parses the JSON file's content; a malformed entry is reported with its index. */
export function parseInterceptionCas(text: string, file: string): InterceptionCaDb {
  let doc: { entries?: unknown; subject_patterns?: unknown };
  try {
    doc = JSON.parse(text);
  } catch {
    throw new InvalidDataError(file, 'not JSON');
  }
  if (!Array.isArray(doc.entries)) throw new InvalidDataError(file, 'missing "entries" array');
  const cas = doc.entries.map((e: Record<string, unknown>, i: number): InterceptionCa => {
    if (typeof e?.id !== 'string' || typeof e.label !== 'string' || typeof e.subject !== 'string') {
      throw new InvalidDataError(`${file}: entries[${i}]`, 'needs string id, label and subject');
    }
    const hex = (v: unknown) => (typeof v === 'string' ? v.toLowerCase().replace(/:/g, '') : undefined);
    return {
      id: e.id,
      country: typeof e.country === 'string' ? e.country : '',
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

/** Loads the bundled list once and caches it. */
export function loadInterceptionCas(): InterceptionCaDb {
  cached ??= parseInterceptionCas(
    readFileSync(dataPath('interception', 'known-interception-cas.json'), 'utf8'),
    'data/interception/known-interception-cas.json',
  );
  return cached;
}
