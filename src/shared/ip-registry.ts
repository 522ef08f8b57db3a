/**
 * Offline IP → ASN and country, and ASN → organisation and countries, from the @ip-location-db packages
 * (RouteViews/DB-IP, NRO data shipped in npm; IPv4 only).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface IpRegistryEntry {
  asn: number;
  asOrg: string | null;
  cc: string | null;
}

interface RangeTable {
  starts: Uint32Array;
  ends: Uint32Array;
  values: string[];
}

const require = createRequire(import.meta.url);
let asnTable: RangeTable | null = null;
let ccTable: RangeTable | null = null;

/** A network as the registry knows it: its organisation, and where its IPv4 addresses are registered. */
export interface AsnRegistryEntry {
  asn: number;
  name: string | null;
  /** Countries by the IPv4 addresses of the network's prefixes registered there (each prefix by its first address). */
  countries: { cc: string; addresses: number }[];
}

/** The two tables, loaded on first use. */
function tables(): { asn: RangeTable; cc: RangeTable } {
  asnTable ??= loadTable(
    '@ip-location-db/asn',
    'asn-ipv4-num.csv',
    (cols) => `${cols[2]}\t${cols.slice(3).join(',')}`,
  );
  ccTable ??= loadTable('@ip-location-db/asn-country', 'asn-country-ipv4-num.csv', (cols) => cols[2] ?? '');
  return { asn: asnTable, cc: ccTable };
}

/** "ASN\tOrganisation" as the table holds it: the number, and the name without the CSV's quotes. */
function parseAsnValue(value: string): { asn: number; org: string | null } {
  const [asnText, org] = value.split('\t');
  return { asn: Number(asnText) || 0, org: org ? org.replace(/^"|"$/g, '') : null };
}

/**
 * Looks `ip` up in the bundled registries (loaded on first use, about a second). Returns null for
 * IPv6, bogons and unannounced space.
 */
export function lookupIp(ip: string): IpRegistryEntry | null {
  const n = ipv4ToNumber(ip);
  if (n === null) return null;
  const t = tables();
  const asn = find(t.asn, n);
  const cc = find(t.cc, n);
  if (asn === null && cc === null) return null;
  const { asn: number, org } = parseAsnValue(asn ?? '0\t');
  return { asn: number, asOrg: org, cc: cc || null };
}

/** The rows of the ASN table by network number, built on first use. */
let rowsByAsn: Map<number, number[]> | null = null;

/**
 * Looks network `asn` up in the same registries: its organisation and the countries its announced IPv4 prefixes are
 * registered in. Null for a number no prefix is announced from (documentation, private use, AS0, unused).
 */
export function lookupAsn(asn: number): AsnRegistryEntry | null {
  const t = tables();
  if (!rowsByAsn) {
    rowsByAsn = new Map();
    t.asn.values.forEach((value, row) => {
      const n = parseAsnValue(value).asn;
      const rows = rowsByAsn!.get(n);
      if (rows) rows.push(row);
      else rowsByAsn!.set(n, [row]);
    });
  }
  const rows = asn > 0 ? rowsByAsn.get(asn) : undefined;
  if (!rows) return null;
  const byCountry = new Map<string, number>();
  for (const row of rows) {
    const cc = find(t.cc, t.asn.starts[row]!);
    if (cc) byCountry.set(cc, (byCountry.get(cc) ?? 0) + t.asn.ends[row]! - t.asn.starts[row]! + 1);
  }
  return {
    asn,
    name: parseAsnValue(t.asn.values[rows[0]!]!).org,
    countries: [...byCountry]
      .map(([cc, addresses]) => ({ cc, addresses }))
      .sort((a, b) => b.addresses - a.addresses),
  };
}

function find(table: RangeTable, n: number): string | null {
  let lo = 0;
  let hi = table.starts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (table.starts[mid]! > n) hi = mid - 1;
    else if (table.ends[mid]! < n) lo = mid + 1;
    else return table.values[mid]!;
  }
  return null;
}

function loadTable(pkg: string, file: string, value: (cols: string[]) => string): RangeTable {
  const path = join(dirname(require.resolve(`${pkg}/package.json`)), file);
  const lines = readFileSync(path, 'utf8').split('\n');
  const starts = new Uint32Array(lines.length);
  const ends = new Uint32Array(lines.length);
  const values: string[] = [];
  const interned = new Map<string, string>();
  let count = 0;
  for (const line of lines) {
    if (!line) continue;
    const cols = line.split(',');
    const v = value(cols);
    starts[count] = Number(cols[0]);
    ends[count] = Number(cols[1]);
    let shared = interned.get(v);
    if (shared === undefined) {
      shared = v;
      interned.set(v, v);
    }
    values.push(shared);
    count += 1;
  }
  return { starts: starts.subarray(0, count), ends: ends.subarray(0, count), values };
}

/** Dotted IPv4 to an unsigned number, or null when `ip` is not IPv4. */
function ipv4ToNumber(ip: string): number | null {
  const parts = ip.split('.');
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null;
    n = n * 256 + Number(p);
  }
  return n;
}
