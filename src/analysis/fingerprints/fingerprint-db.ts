/** OONI's DNS/HTTP blocking fingerprints and Censored Planet's signatures, loaded once and matched against hostile responses. */
import { readFileSync } from 'node:fs';
import type { FingerprintMatch } from '../../model/analysis.js';
import type { DnsAnswer } from '../../model/measurement.js';
import { parseCsv } from '../../shared/csv.js';
import { InvalidDataError } from '../../shared/errors.js';
import { dataPath } from '../../shared/paths.js';
import { BUNDLED_AUTOMATON_FILE, readAutomatonFile, type StoredAutomaton } from './automaton-file.js';
import { LiteralIndex } from './literal-index.js';
import { PatternSet } from './pattern-set.js';
import { compilePattern, type PatternType, type TextPattern } from './text-pattern.js';

/** One fingerprint row, compiled. */
export interface Fingerprint {
  name: string;
  /** 'nat' | 'isp' | 'prod' | 'inst' | 'vbw' | 'fp' | ... (Citizen Lab semantics). */
  scope: string;
  /** 'dns' | 'body' | 'header.<lowercase name>'. */
  location: string;
  pattern: TextPattern;
  expectedCountries: string[];
}

/** A Censored Planet signature (a regular expression over the response). */
export interface Signature {
  name: string;
  pattern: TextPattern;
  falsePositive: boolean;
}

const PATTERN_TYPES = new Set<PatternType>(['full', 'prefix', 'contains', 'regexp']);
const CONFIRMING_SCOPES = new Set(['nat', 'isp']);
/** Headers as text for Censored Planet signatures: bounded like bodies. */
const MAX_HEADER_TEXT = 16 * 1024;

/** The bundled fingerprints, ready to match. Matching never throws and never mutates. */
export class FingerprintDb {
  private readonly body: PatternSet<Fingerprint>;
  private readonly headers = new Map<string, PatternSet<Fingerprint>>();
  private readonly dnsSet: PatternSet<Fingerprint>;
  private readonly cpSet: PatternSet<Signature>;
  /** One automaton for OONI body fingerprints and Censored Planet signatures: one scan per body. */
  private readonly bodyIndex = new LiteralIndex();
  private lastBody: string | null = null;
  private lastScan: ReadonlySet<number> = new Set();

  /** Whether the body automaton was read from a file compiled before, or compiled here. */
  readonly automaton: 'read' | 'compiled';

  /** `stored` gives the body automaton compiled before from the same literals, if there is one. */
  constructor(
    readonly dns: readonly Fingerprint[],
    http: readonly Fingerprint[],
    readonly censoredPlanet: readonly Signature[],
    stored?: StoredAutomaton,
  ) {
    const set = <T extends { pattern: TextPattern }>(rows: readonly T[]) =>
      new PatternSet(rows.map((value) => ({ pattern: value.pattern, value })));
    this.body = new PatternSet(
      http.filter((f) => f.location === 'body').map((value) => ({ pattern: value.pattern, value })),
      this.bodyIndex,
    );
    const byHeader = new Map<string, Fingerprint[]>();
    for (const f of http) {
      if (!f.location.startsWith('header.')) continue;
      const name = f.location.slice('header.'.length);
      byHeader.set(name, [...(byHeader.get(name) ?? []), f]);
    }
    for (const [name, rows] of byHeader) this.headers.set(name, set(rows));
    this.dnsSet = set(dns);
    this.cpSet = new PatternSet(
      censoredPlanet.map((value) => ({ pattern: value.pattern, value })),
      this.bodyIndex,
    );
    const tables = stored?.(this.bodyIndex.literals);
    this.automaton = tables ? 'read' : 'compiled';
    if (tables) this.bodyIndex.adopt(tables);
    else this.bodyIndex.build();
  }

  /** The body automaton, for writing it to a file (automaton-file.ts). */
  get bodyAutomaton(): LiteralIndex {
    return this.bodyIndex;
  }

  /** Scans a body once for both sets (the same final body is matched by both in a row). */
  private scanBody(body: string): ReadonlySet<number> {
    if (body !== this.lastBody) {
      this.lastScan = this.bodyIndex.scan(body);
      this.lastBody = body;
    }
    return this.lastScan;
  }

  /** OONI HTTP fingerprints matched against a response body and its headers (header names case-insensitive). */
  matchHttpResponse(
    body: string,
    headers: Record<string, string> | null | undefined,
    probeCc: string,
  ): FingerprintMatch[] {
    const out: FingerprintMatch[] = [];
    if (typeof body === 'string' && body.length > 0) {
      for (const f of this.body.match(body, this.scanBody(body))) out.push(toMatch(f, probeCc));
    }
    for (const [name, value] of Object.entries(headers && typeof headers === 'object' ? headers : {})) {
      if (typeof value !== 'string') continue;
      for (const f of this.headers.get(name.toLowerCase())?.match(value) ?? []) out.push(toMatch(f, probeCc));
    }
    return out;
  }

  /** OONI DNS fingerprints matched against answers (IPv4, IPv6 or CNAME host). */
  matchDnsAnswers(answers: readonly DnsAnswer[] | null | undefined, probeCc: string): FingerprintMatch[] {
    const out: FingerprintMatch[] = [];
    const seen = new Set<string>();
    for (const a of Array.isArray(answers) ? answers : []) {
      for (const value of [a?.ipv4, a?.ipv6, a?.hostname]) {
        if (typeof value !== 'string' || value === '') continue;
        for (const f of this.dnsSet.match(value)) {
          if (!seen.has(f.name)) {
            seen.add(f.name);
            out.push(toMatch(f, probeCc));
          }
        }
      }
    }
    return out;
  }

  /** Censored Planet blockpage and false-positive signatures over the body (and headers as `Name: value` lines). */
  matchCensoredPlanet(body: string, headers?: Record<string, string> | null): FingerprintMatch[] {
    const text = typeof body === 'string' ? body : '';
    const head = headersText(headers);
    if (text === '' && head === '') return [];
    // Literals are looked for in the headers and in the body separately (one cached scan of the
    // body); regexps see the whole response as Censored Planet matches it.
    const found = new Set(this.scanBody(text));
    for (const id of head ? this.bodyIndex.scan(head) : []) found.add(id);
    const out: FingerprintMatch[] = [];
    for (const s of this.cpSet.match(head ? `${head}\r\n${text}` : text, found)) {
      out.push({
        // Prefixed so they cannot be mistaken for OONI rows, whose Censored Planet imports are named cp.*.
        name: `censoredplanet.${s.name}`,
        location: 'body',
        confirming: false,
        falsePositive: s.falsePositive,
      });
    }
    return out;
  }
}

function toMatch(f: Fingerprint, probeCc: string): FingerprintMatch {
  const falsePositive = f.scope === 'fp';
  const confirming =
    !falsePositive && (CONFIRMING_SCOPES.has(f.scope) || f.expectedCountries.includes(probeCc.toUpperCase()));
  return { name: f.name, location: f.location, confirming, falsePositive };
}

function headersText(headers: Record<string, string> | null | undefined): string {
  if (!headers || typeof headers !== 'object') return '';
  const lines: string[] = [];
  let size = 0;
  for (const [k, v] of Object.entries(headers)) {
    const line = `${k}: ${typeof v === 'string' ? v : ''}`;
    size += line.length + 2;
    if (size > MAX_HEADER_TEXT) break;
    lines.push(line);
  }
  return lines.join('\r\n');
}

/** Parses an OONI fingerprints CSV (`name,scope,...,location_found,pattern_type,pattern,...,expected_countries`). */
export function parseOoniFingerprints(text: string, file: string): Fingerprint[] {
  const [header, ...records] = parseCsv(text);
  const col = (name: string) => {
    const i = header?.fields.indexOf(name) ?? -1;
    if (i < 0) throw new InvalidDataError(`${file}:1`, `missing column ${name}`);
    return i;
  };
  const [name, scope, location, type, pattern, countries] = [
    col('name'),
    col('scope'),
    col('location_found'),
    col('pattern_type'),
    col('pattern'),
    col('expected_countries'),
  ];
  const out: Fingerprint[] = [];
  for (const r of records) {
    const t = (r.fields[type] ?? '').trim() as PatternType;
    if (!PATTERN_TYPES.has(t))
      throw new InvalidDataError(`${file}:${r.line}`, `unknown pattern_type ${JSON.stringify(t)}`);
    const compiled = compilePattern(t, r.fields[pattern] ?? '', { dotAll: true });
    if (!compiled) throw new InvalidDataError(`${file}:${r.line}`, 'pattern does not compile');
    out.push({
      name: r.fields[name] ?? '',
      scope: (r.fields[scope] ?? '').trim(),
      location: (r.fields[location] ?? '').trim().toLowerCase(),
      pattern: compiled,
      expectedCountries: (r.fields[countries] ?? '')
        .split(',')
        .map((c) => c.trim().toUpperCase())
        .filter(Boolean),
    });
  }
  return out;
}

/** Parses Censored Planet's JSON Lines signatures (`{"fingerprint", "pattern"}`), skipping blank lines. */
export function parseCensoredPlanetSignatures(
  text: string,
  file: string,
  falsePositive: boolean,
): Signature[] {
  const out: Signature[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let row: { fingerprint?: unknown; pattern?: unknown };
    try {
      row = JSON.parse(line);
    } catch {
      throw new InvalidDataError(`${file}:${i + 1}`, 'not JSON');
    }
    if (typeof row.fingerprint !== 'string' || typeof row.pattern !== 'string') {
      throw new InvalidDataError(`${file}:${i + 1}`, 'needs string "fingerprint" and "pattern"');
    }
    const pattern = compilePattern('regexp', row.pattern);
    if (!pattern) throw new InvalidDataError(`${file}:${i + 1}`, 'pattern does not compile');
    out.push({ name: row.fingerprint, pattern, falsePositive });
  });
  return out;
}

let cached: FingerprintDb | undefined;

/**
 * Loads the bundled fingerprints once (data/ooni/*.csv, data/censoredplanet/signatures/*.json) and caches them,
 * with the automaton `npm run build` compiled from them when it still fits them.
 */
export function loadFingerprints(): FingerprintDb {
  cached ??= readBundledFingerprints((literals) => readAutomatonFile(BUNDLED_AUTOMATON_FILE, literals));
  return cached;
}

/** The bundled fingerprints, read afresh; `stored` as for FingerprintDb. */
export function readBundledFingerprints(stored?: StoredAutomaton) {
  const read = (...p: string[]) => readFileSync(dataPath(...p), 'utf8');
  const dnsFile = 'data/ooni/fingerprints_dns.csv';
  const httpFile = 'data/ooni/fingerprints_http.csv';
  const bpFile = 'data/censoredplanet/signatures/blockpage_signatures.json';
  const fpFile = 'data/censoredplanet/signatures/false_positive_signatures.json';
  return new FingerprintDb(
    parseOoniFingerprints(read('ooni', 'fingerprints_dns.csv'), dnsFile),
    parseOoniFingerprints(read('ooni', 'fingerprints_http.csv'), httpFile),
    [
      ...parseCensoredPlanetSignatures(
        read('censoredplanet', 'signatures', 'blockpage_signatures.json'),
        bpFile,
        false,
      ),
      ...parseCensoredPlanetSignatures(
        read('censoredplanet', 'signatures', 'false_positive_signatures.json'),
        fpFile,
        true,
      ),
    ],
    stored,
  );
}
