/** A probe's own address planted in a measurement in many spellings, and a search for it that owes nothing to the scrubber. */

/** The probe's address in the privacy test: public, so that no rule could skip it as a placeholder. */
export const PROBE_IP = '81.2.69.142';

const octets = PROBE_IP.split('.').map(Number);
const asInteger = octets.reduce((n, o) => n * 256 + o, 0);
const hexGroups = [(octets[0]! << 8) | octets[1]!, (octets[2]! << 8) | octets[3]!].map((g) => g.toString(16));

/** How measurements and echoing servers spell an address; each one is planted and each one is searched for. */
export const SPELLINGS: readonly string[] = [
  PROBE_IP,
  octets.join('-'), // a hostname such as 81-2-69-142.dyn.example
  octets.join('_'),
  octets.map((o) => String(o).padStart(3, '0')).join('.'),
  octets.join('%2e'),
  `${[...octets].reverse().join('.')}.in-addr.arpa`,
  String(asInteger),
  `0x${asInteger.toString(16)}`,
  `::ffff:${PROBE_IP}`,
  `::ffff:${hexGroups.join(':')}`,
];

/** Failure texts a probe or a library may write with its own address in them. */
export const FAILURE_TEXTS: readonly string[] = [
  `unknown_failure: dial tcp ${PROBE_IP}:51234->93.184.216.34:443: connect: connection refused`,
  `connect to ${PROBE_IP} failed`,
  `unknown_failure: read udp ${SPELLINGS[8]}:5353: i/o timeout`,
];

/**
 * Every place in `text` where one of the spellings appears (case-insensitive), as short excerpts. A plain
 * substring search on purpose: it must not share a blind spot with the scrubber's expression.
 */
export function occurrences(text: string): string[] {
  const lower = text.toLowerCase();
  const found: string[] = [];
  for (const spelling of SPELLINGS) {
    const needle = spelling.toLowerCase();
    for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + 1))
      found.push(text.slice(Math.max(0, at - 40), at + needle.length + 20));
  }
  return found;
}

/** Keys whose values identify the record or drive its parsing; every other string is planted. */
const STRUCTURAL = new Set([
  'input',
  'measurement_start_time',
  'test_start_time',
  'test_name',
  'test_version',
  'data_format_version',
  'probe_cc',
  'probe_asn',
  'report_id',
  'software_name',
  'software_version',
  'measurement_uid',
  'operation',
  'proto',
  'query_type',
  'answer_type',
  'engine',
  'method',
]);

/** Keys that hold an address: planted as the bare address, as a probe would write its own. */
const ADDRESS_KEYS = new Set(['probe_ip', 'client_resolver', 'resolver_ip', 'ip', 'ipv4']);

/**
 * A copy of the OONI measurement `doc` with the probe's address in every field that is not structural: the
 * address fields hold it, every other string and every failure gets a spelling or a failure text appended,
 * and each headers object gains a key spelling it. Returns the copy and the number of fields planted.
 */
export function plantAddress(doc: Record<string, unknown>): {
  doc: Record<string, unknown>;
  planted: number;
} {
  let planted = 0;
  const walk = (value: unknown, key: string): unknown => {
    if (ADDRESS_KEYS.has(key) && (typeof value === 'string' || value === null)) {
      planted++;
      return PROBE_IP;
    }
    if (key === 'failure') {
      planted++;
      return FAILURE_TEXTS[planted % FAILURE_TEXTS.length];
    }
    if (typeof value === 'string') {
      if (STRUCTURAL.has(key)) return value;
      planted++;
      return `${value} ${SPELLINGS[planted % SPELLINGS.length]}`;
    }
    if (Array.isArray(value)) return value.map((item) => walk(item, key));
    if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value).map(([k, v]) => [k, walk(v, k)] as const);
      if (key === 'headers') {
        planted++;
        entries.push([`X-Client-${SPELLINGS[1]}`, `for=${PROBE_IP}`]);
      }
      return Object.fromEntries(entries);
    }
    return value;
  };
  const out = walk(doc, '') as Record<string, unknown>;
  return { doc: out, planted };
}
