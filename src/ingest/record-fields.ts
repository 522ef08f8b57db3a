/** What every converter of a JSON record shares: the refusal it throws, its context, and field checks. */
import { isUtf8 } from 'node:buffer';
import { hash } from 'node:crypto';
import type { CpSignatureMatcher } from '../analysis/censored-planet-verdict.js';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from '../shared/json-depth.js';
import type { Analyzer } from './analyzer.js';

export type SourceOption = 'ooni' | 'censoredplanet' | 'auto';

/** Why a record was refused; `kind` is the counter it goes to, `item` its 1-based place in an array, if it was in one. */
export class RecordError extends Error {
  constructor(
    readonly kind:
      | 'invalid JSON'
      | 'missing field'
      | 'wrong type'
      | 'unknown format'
      | 'too large'
      | 'too deep'
      | 'empty array'
      | 'wrong source',
    message: string,
    readonly item?: number,
  ) {
    super(message);
  }
}

export interface ConvertContext {
  source: SourceOption;
  analyze: Analyzer;
  matchCensoredPlanet?: CpSignatureMatcher;
  /** Marks every record as simulated (demo data). */
  simulated?: boolean;
  /** File name, for formats that only say their protocol there (Hyperquack v1). */
  fileName: string;
  categoryOf?: (input: string, probeCc: string) => string | null;
  /**
   * The public address a submission came from, scrubbed from the record like its `probe_ip`: a probe that wrote
   * 127.0.0.1 there but left its address in a failure text still has it removed, since it sent from there.
   */
  senderAddress?: string;
  /** The line being converted and the bytes it was decoded from, when it was read from a file as bytes. */
  line?: { text: string; bytes: Uint8Array };
}

export type Doc = Record<string, unknown>;

export const isObject = (v: unknown): v is Doc => typeof v === 'object' && v !== null && !Array.isArray(v);

export function need(doc: Doc, key: string, type: 'string' | 'object' | 'boolean' | 'array'): void {
  const v = doc[key];
  if (v === undefined || v === null) throw new RecordError('missing field', `missing field "${key}"`);
  const ok = type === 'array' ? Array.isArray(v) : type === 'object' ? isObject(v) : typeof v === type;
  if (!ok)
    throw new RecordError(
      'wrong type',
      `field "${key}" should be ${/^[ao]/.test(type) ? 'an' : 'a'} ${type}`,
    );
}

/** Requires `doc[key]` to be an array of objects: readers walk its items' fields (a null item is refused here). */
export function needObjects(doc: Doc, key: string): void {
  need(doc, key, 'array');
  const bad = (doc[key] as unknown[]).findIndex((item) => !isObject(item));
  if (bad >= 0) throw new RecordError('wrong type', `item ${bad + 1} of "${key}" should be an object`);
}

/**
 * A stable id for records without a measurement_uid: the hash of their JSON text as UTF-8. When the text is a line
 * read as valid UTF-8, its bytes are that encoding already: hashing them spares encoding the text again (about
 * 40 % of the hash's CPU on real-shaped records). Invalid bytes were decoded as U+FFFD, so those lines hash the text.
 */
export function contentHash(text: string, line?: { text: string; bytes: Uint8Array }): string {
  const input = line && line.text === text && isUtf8(line.bytes) ? line.bytes : text;
  return hash('sha256', input, 'hex').slice(0, 32);
}

/** The host of a URL, or a bare domain lower-cased; null if neither. */
export function domainOf(input: string | null): string | null {
  if (!input) return null;
  if (/^[a-z0-9.-]+$/i.test(input) && input.includes('.')) return input.toLowerCase();
  try {
    return new URL(input).hostname.toLowerCase() || null;
  } catch {
    return null;
  }
}

/**
 * The one way untrusted JSON text becomes a value here: parsed, then refused when it nests deeper than
 * MAX_JSON_DEPTH, so that nothing after it (scrubbing, JSON.stringify, the analysis) recurses out of stack.
 */
export function parseJson(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new RecordError(
      'invalid JSON',
      `invalid JSON (${(err as Error).message.split('\n')[0]?.slice(0, 120)})`,
    );
  }
  const deep = tooDeep(value);
  if (deep) throw deep;
  return value;
}

/** The refusal of a value nested deeper than MAX_JSON_DEPTH, else null (for JSON parsed elsewhere, as a whole file). */
export function tooDeep(value: unknown): RecordError | null {
  return jsonDepthExceeds(value, MAX_JSON_DEPTH)
    ? new RecordError('too deep', `JSON nested deeper than ${MAX_JSON_DEPTH} levels`)
    : null;
}

export function requireSource(ctx: ConvertContext, family: 'ooni' | 'censoredplanet'): void {
  if (ctx.source !== 'auto' && ctx.source !== family) {
    throw new RecordError(
      'wrong source',
      `a ${family === 'ooni' ? 'OONI' : 'Censored Planet'} record, but --source ${ctx.source}`,
    );
  }
}

/** A two-letter country code as the records spell it. */
export const CC = /^[A-Z]{2}$/;
