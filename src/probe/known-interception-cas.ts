/** The known state interception roots (data/interception) and matching a peer chain against them. */
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { InvalidDataError } from '../shared/errors.js';
import { dataPath } from '../shared/paths.js';

interface KnownCaEntry {
  id: string;
  country: string;
  label: string;
  subject: string;
  sha256?: string;
  sha1?: string;
  spki_sha256?: string;
}

export interface KnownCas {
  entries: KnownCaEntry[];
  patterns: { country: string; issuer_contains: string[] }[];
}

/** A certificate's facts as the interception check needs them. */
export interface CertFacts {
  sha256: string;
  sha1: string;
  spkiSha256: string;
  subject: string;
  issuer: string;
}

const FILE = 'interception/known-interception-cas.json';

/** Loads and checks the bundled file (or `path`). */
export function loadKnownCas(path = dataPath(FILE)): KnownCas {
  const doc = JSON.parse(readFileSync(path, 'utf8')) as Partial<{
    entries: KnownCaEntry[];
    subject_patterns: KnownCas['patterns'];
  }>;
  if (!Array.isArray(doc.entries)) throw new InvalidDataError(path, 'missing "entries" array');
  doc.entries.forEach((e, i) => {
    if (typeof e.id !== 'string' || typeof e.label !== 'string' || typeof e.subject !== 'string')
      throw new InvalidDataError(`${path}: entries[${i}]`, 'needs id, label and subject');
  });
  return { entries: doc.entries, patterns: doc.subject_patterns ?? [] };
}

/** Parses DER certificates into the facts compared against the known CAs; unparsable ones are skipped. */
export function certFacts(der: Buffer): CertFacts | null {
  try {
    const cert = new X509Certificate(der);
    const spki = cert.publicKey.export({ type: 'spki', format: 'der' });
    return {
      sha256: hash('sha256', der),
      sha1: hash('sha1', der),
      spkiSha256: hash('sha256', spki),
      subject: oneLine(cert.subject),
      issuer: oneLine(cert.issuer),
    };
  } catch {
    return null;
  }
}

/**
 * The label of the known interception CA that issued or appears in `chain`: by SHA-256, SHA-1 or
 * SPKI hash first, then by the issuer/subject name patterns. Null when none matches.
 */
export function matchKnownCa(chain: CertFacts[], known: KnownCas): string | null {
  for (const c of chain) {
    const hit = known.entries.find(
      (e) => e.sha256 === c.sha256 || e.sha1 === c.sha1 || e.spki_sha256 === c.spkiSha256,
    );
    if (hit) return hit.label;
  }
  for (const c of chain) {
    for (const name of [c.issuer, c.subject]) {
      const parts = name.split(', ');
      for (const p of known.patterns) {
        const pattern = p.issuer_contains.find((want) =>
          want.split(', ').every((piece) => parts.includes(piece)),
        );
        if (pattern) {
          const entry = known.entries.find((e) =>
            e.subject.split(', ').every((piece) => parts.includes(piece)),
          );
          return entry?.label ?? `${p.country} interception CA (${pattern})`;
        }
      }
    }
  }
  return null;
}

function hash(algorithm: string, data: Buffer): string {
  return createHash(algorithm).update(data).digest('hex');
}

/** "C=KZ\nCN=Qaznet Trust Network" → "C=KZ, CN=Qaznet Trust Network". */
function oneLine(name: string): string {
  return name.split('\n').join(', ');
}
