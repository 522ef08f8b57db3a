/**
 * Mutations of real measurement lines for the bad-input corpus: each turns one good JSON line into a hostile one
 * and says what the ingest must do with it (keep it, report it, or either, as long as it does not crash).
 */

/** What a mutated line must become: stored (`keep`), reported with its file and line (`report`), or either. */
export type Expectation = 'keep' | 'report' | 'either';

/** One mutant: its bytes (one line, without the newline), the mutation's name and what is expected of it. */
export interface Mutant {
  kind: string;
  bytes: Buffer;
  expect: Expectation;
}

/** A seeded random source (mulberry32), so that a failing corpus can be made again from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const int = (rnd: Random, n: number) => Math.floor(rnd() * n);
const pick = <T>(rnd: Random, items: readonly T[]): T => items[int(rnd, items.length)]!;

/** Values of the wrong type for any field (a string where an object is wanted, and so on). */
const WRONG_VALUES: readonly unknown[] = [null, 0, -1, 1e308, true, '', 'x', [], [1, 'a'], {}, { a: null }];

/** Fields a measurement cannot go without, with a wrong value of each (a wrong type, not a missing one). */
const REQUIRED_WRONG: readonly [string, unknown][] = [
  ['test_name', 42],
  ['test_name', { name: 'web_connectivity' }],
  ['test_keys', 'blocked'],
  ['test_keys', [1, 2]],
  ['measurement_start_time', 20240101],
  ['measurement_start_time', 'yesterday'],
  ['probe_cc', 7],
  ['probe_cc', 'KAZ'],
  ['probe_asn', 'ASX'],
  ['input', { url: 'http://x/' }],
];

/** The paths of every value inside `doc` (objects and arrays), to pick one to damage. */
function valuePaths(doc: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []) {
  if (out.length > 5000 || !doc || typeof doc !== 'object') return out;
  const entries: [string | number, unknown][] = Array.isArray(doc)
    ? doc.map((v, i) => [i, v])
    : Object.entries(doc);
  for (const [key, value] of entries) {
    out.push([...prefix, key]);
    valuePaths(value, [...prefix, key], out);
  }
  return out;
}

function setAt(doc: unknown, path: (string | number)[], value: unknown): void {
  let node = doc as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) {
    // An earlier damage may have replaced a parent already: that path is gone.
    if (!node || typeof node !== 'object') return;
    node = node[key] as Record<string | number, unknown>;
  }
  if (node && typeof node === 'object') node[path.at(-1)!] = value;
}

/**
 * `change` applied to the measurement itself: a recorded API response ({status, body}) and an API wrapper
 * (raw_measurement) carry it as text, and fields added around them are not the measurement's.
 */
function inMeasurement(doc: Doc, change: (m: Doc) => Doc): Doc {
  if (typeof doc.status === 'number' && typeof doc.body === 'string')
    return { ...doc, body: JSON.stringify(inMeasurement(JSON.parse(doc.body) as Doc, change)) };
  if (typeof doc.raw_measurement === 'string')
    return { ...doc, raw_measurement: JSON.stringify(change(JSON.parse(doc.raw_measurement) as Doc)) };
  return change(doc);
}

type Doc = Record<string, unknown>;

const utf8 = (text: string) => Buffer.from(text, 'utf8');

/** The mutations, by name: each takes a good compact JSON line (and its parsed value) and a random source. */
export const MUTATIONS: Record<string, (line: string, doc: Record<string, unknown>, rnd: Random) => Mutant> =
  {
    // A proper prefix of a compact JSON object is never JSON.
    truncation: (line, _doc, rnd) => ({
      kind: 'truncation',
      bytes: utf8(line).subarray(0, 1 + int(rnd, utf8(line).length - 1)),
      expect: 'report',
    }),
    byteFlip: (line, _doc, rnd) => {
      const bytes = Buffer.from(utf8(line));
      for (let n = 1 + int(rnd, 3); n > 0; n--) {
        const at = int(rnd, bytes.length);
        let flipped = bytes[at]! ^ (1 << int(rnd, 8));
        // A flipped byte that becomes a newline would split the line in two: keep one line one input.
        if (flipped === 0x0a || flipped === 0x0d) flipped = 0x20;
        bytes[at] = flipped;
      }
      return { kind: 'byte flip', bytes, expect: 'either' };
    },
    deepNesting: (_line, doc, rnd) => {
      const depth = 100 + int(rnd, 50_000);
      const key = pick(rnd, ['test_keys', 'annotations', 'input']);
      const text = JSON.stringify({ ...doc, [key]: null });
      const deep = `${'['.repeat(depth)}1${']'.repeat(depth)}`;
      return {
        kind: 'deep nesting',
        bytes: utf8(text.replace(`"${key}":null`, `"${key}":${deep}`)),
        expect: 'report',
      };
    },
    // A measurement with a megabyte-long annotation is still a measurement.
    hugeString: (_line, doc, rnd) => ({
      kind: 'huge string',
      bytes: utf8(
        JSON.stringify({
          ...doc,
          annotations: { ...(doc.annotations as object), huge: 'A'.repeat(50_000 + int(rnd, 500_000)) },
        }),
      ),
      expect: 'keep',
    }),
    wrongRequiredType: (_line, doc, rnd) => {
      const [key, value] = pick(rnd, REQUIRED_WRONG);
      const out = inMeasurement(doc, (m) => ({ ...m, [key]: value }));
      return { kind: 'wrong type (required)', bytes: utf8(JSON.stringify(out)), expect: 'report' };
    },
    // Anywhere else a wrong type is the analysis's problem: it must judge or refuse, never throw.
    wrongNestedType: (_line, doc, rnd) => {
      const copy = structuredClone(doc);
      const paths = valuePaths(copy).filter((p) => p[0] === 'test_keys' || p.length > 1);
      for (let n = 1 + int(rnd, 4); n > 0 && paths.length > 0; n--)
        setAt(copy, pick(rnd, paths), structuredClone(pick(rnd, WRONG_VALUES)));
      return { kind: 'wrong type (nested)', bytes: utf8(JSON.stringify(copy)), expect: 'either' };
    },
    // JSON.parse keeps the last of duplicate keys: the record is the one written after.
    duplicateKeys: (line, doc, rnd) => {
      const key = pick(rnd, Object.keys(doc));
      return {
        kind: 'duplicate keys',
        bytes: utf8(`{${JSON.stringify(key)}:${JSON.stringify(pick(rnd, WRONG_VALUES))},${line.slice(1)}`),
        expect: 'keep',
      };
    },
    // Invalid UTF-8 inside a string decodes as U+FFFD: the JSON stays JSON.
    invalidUtf8InString: (line, _doc, rnd) => {
      const bad = Buffer.from(
        pick(rnd, [[0xff], [0xc3], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80]]),
      );
      return {
        kind: 'invalid UTF-8 (in a string)',
        bytes: Buffer.concat([utf8('{"note":"'), bad, utf8('",'), utf8(line.slice(1))]),
        expect: 'keep',
      };
    },
    invalidUtf8Outside: (line) => ({
      kind: 'invalid UTF-8 (outside strings)',
      bytes: Buffer.concat([utf8('{'), Buffer.from([0xfe, 0xff]), utf8(line.slice(1))]),
      expect: 'report',
    }),
    // A byte order mark opening a line other than the file's first is not JSON.
    innerBom: (line) => ({
      kind: 'BOM inside the file',
      bytes: utf8(`\uFEFF\uFEFF${line}`),
      expect: 'report',
    }),
    notARecord: (_line, _doc, rnd) => ({
      kind: 'not a record',
      bytes: utf8(pick(rnd, ['[]', 'null', '42', '"x"', '{}', '[[]]', '{"test_keys":{}}', 'true'])),
      expect: 'report',
    }),
  };

/** Applies a mutation chosen at random (or `kind`) to a good line. */
export function mutate(line: string, rnd: Random, kind?: string): Mutant {
  const name = kind ?? pick(rnd, Object.keys(MUTATIONS));
  return MUTATIONS[name]!(line, JSON.parse(line) as Record<string, unknown>, rnd);
}

/** How a file of lines is written: a BOM first or not, LF or CRLF. */
export interface FileShape {
  bom: boolean;
  crlf: boolean;
}

/** The bytes of a file of lines in a given shape. */
export function fileBytes(lines: Buffer[], shape: FileShape): Buffer {
  const eol = utf8(shape.crlf ? '\r\n' : '\n');
  const parts: Buffer[] = shape.bom ? [utf8('\uFEFF')] : [];
  for (const l of lines) parts.push(l, eol);
  return Buffer.concat(parts);
}
