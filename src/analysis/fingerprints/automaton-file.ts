/**
 * The compiled fingerprint automaton kept in a file, so that a command does not compile it at every start: the
 * compilation took 0.1–0.15 s of CPU and left 50 MB of garbage at each start of ingest, the probe or the server.
 * `npm run build` writes the bundled one (scripts/build-automaton.ts). A file is used only when it was compiled
 * from exactly the same literals, in the same order, by the same format, and its bytes are intact; otherwise the
 * caller compiles the automaton as before, so a stale or damaged file costs time, never a wrong match.
 */
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AutomatonTables, LiteralIndex, Table } from './literal-index.js';

/** Raised whenever LiteralIndex's compilation changes what it computes: files of another format are refused. */
const FORMAT = 1;
const MAGIC = 'netfreedom fingerprint automaton';
/** Typed arrays start at multiples of this in the file, so that they can be views of the bytes read. */
const ALIGN = 8;

/** The bundled fingerprints' automaton, beside the compiled code (the same path from src/ and dist/). */
export const BUNDLED_AUTOMATON_FILE = fileURLToPath(
  new URL('../../../dist/fingerprint-automaton.bin', import.meta.url),
);

type ArrayName = 'ascii' | 'wide' | 'wideClass' | 'wideRow' | 'outStart' | 'outIds';
const ARRAYS: ArrayName[] = ['ascii', 'wide', 'wideClass', 'wideRow', 'outStart', 'outIds'];
const TYPES = { u16: Uint16Array, i32: Int32Array } as const;

interface Header {
  magic: string;
  format: number;
  /** automatonKey of the literals. */
  key: string;
  /** SHA-256 of everything after the header. */
  sha256: string;
  longest: number;
  wideClasses: number;
  firstOutput: number;
  arrays: { name: ArrayName; type: keyof typeof TYPES; length: number }[];
}

/** What an automaton is compiled from: its literals in id order, and the format. */
export function automatonKey(literals: readonly string[]): string {
  return createHash('sha256')
    .update(`${FORMAT}\n${JSON.stringify(literals)}`)
    .digest('hex');
}

const padded = (n: number) => Math.ceil(n / ALIGN) * ALIGN;

/** The file's bytes: a 4-byte header length, the header as JSON, then each array, aligned. */
export function encodeAutomaton(index: LiteralIndex): Buffer {
  const t = index.tables;
  const arrays = ARRAYS.map((name) => ({ name, data: t[name] }));
  const body = Buffer.alloc(arrays.reduce((n, a) => n + padded(a.data.byteLength), 0));
  let at = 0;
  for (const { data } of arrays) {
    body.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), at);
    at += padded(data.byteLength);
  }
  const header: Header = {
    magic: MAGIC,
    format: FORMAT,
    key: automatonKey(index.literals),
    sha256: createHash('sha256').update(body).digest('hex'),
    longest: t.longest,
    wideClasses: t.wideClasses,
    firstOutput: t.firstOutput,
    arrays: arrays.map(({ name, data }) => ({
      name,
      type: data instanceof Uint16Array ? 'u16' : 'i32',
      length: data.length,
    })),
  };
  const json = Buffer.from(JSON.stringify(header));
  const head = Buffer.alloc(padded(4 + json.length), 0x20);
  head.writeUInt32LE(json.length, 0);
  json.copy(head, 4);
  return Buffer.concat([head, body]);
}

/** The tables stored in `bytes` if they were compiled from `literals` and are intact; else why not. */
export function decodeAutomaton(bytes: Buffer, literals: readonly string[]): AutomatonTables | string {
  if (bytes.byteOffset % ALIGN !== 0) bytes = Buffer.from(bytes); // a copy of its own starts aligned
  if (bytes.length < 4) return 'truncated header';
  const jsonLength = bytes.readUInt32LE(0);
  if (4 + jsonLength > bytes.length) return 'truncated header';
  let header: Header;
  try {
    header = JSON.parse(bytes.subarray(4, 4 + jsonLength).toString('utf8')) as Header;
  } catch {
    return 'unreadable header';
  }
  if (header.magic !== MAGIC || header.format !== FORMAT) return 'another format';
  if (header.key !== automatonKey(literals)) return 'compiled from other literals';
  const body = bytes.subarray(padded(4 + jsonLength));
  if (createHash('sha256').update(body).digest('hex') !== header.sha256) return 'damaged (checksum differs)';
  const views: Partial<Record<ArrayName, Table>> = {};
  let at = 0;
  for (const { name, type, length } of header.arrays) {
    const Type = TYPES[type];
    if (!Type || at + length * Type.BYTES_PER_ELEMENT > body.length) return 'arrays do not fit';
    views[name] = new Type(body.buffer as ArrayBuffer, body.byteOffset + at, length);
    at += padded(length * Type.BYTES_PER_ELEMENT);
  }
  const { ascii, wide, wideClass, wideRow, outStart, outIds } = views;
  if (!ascii || !wide || !wideRow || !outStart || !outIds || !(wideClass instanceof Uint16Array))
    return 'arrays missing';
  if (!(wideRow instanceof Int32Array && outStart instanceof Int32Array && outIds instanceof Int32Array))
    return 'arrays of the wrong type';
  const nodes = ascii.length / 128;
  const consistent =
    Number.isInteger(nodes) &&
    wideClass.length === 65536 &&
    wideRow.length === nodes &&
    outStart.length === nodes - header.firstOutput + 1 &&
    outIds.length === outStart[outStart.length - 1];
  if (!consistent) return 'arrays of inconsistent sizes';
  return {
    longest: header.longest,
    wideClasses: header.wideClasses,
    firstOutput: header.firstOutput,
    ascii,
    wide,
    wideClass,
    wideRow,
    outStart,
    outIds,
  };
}

/** The tables in the file at `path` if they fit `literals` (see decodeAutomaton); null if not, or no such file. */
export function readAutomatonFile(path: string, literals: readonly string[]): AutomatonTables | null {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return null;
  }
  const tables = decodeAutomaton(bytes, literals);
  return typeof tables === 'string' ? null : tables;
}

/** Where a FingerprintDb finds its body automaton compiled before from the same literals, if anywhere. */
export type StoredAutomaton = (literals: readonly string[]) => AutomatonTables | null;

/** Writes `index`'s compiled tables to `path` whole or not at all (a reader never sees half a file). */
export function writeAutomatonFile(path: string, index: LiteralIndex): void {
  const partial = `${path}.${process.pid}.partial`;
  try {
    writeFileSync(partial, encodeAutomaton(index));
    renameSync(partial, path);
  } finally {
    rmSync(partial, { force: true });
  }
}
