/** One parsed JSON document → measurement records: OONI measurements (raw, API wrappers, ours) and Censored Planet results. */
import { hash } from 'node:crypto';
import {
  type CpSignatureMatcher,
  judgeHyperquack,
  judgeHyperquackV1,
  judgeSatellite,
} from '../analysis/censored-planet-verdict.js';
import { evidence, withReason } from '../analysis/evidence-messages.js';
import type { HyperquackV1Result, HyperquackV2Result, SatelliteResult } from '../model/censored-planet.js';
import type { Measurement } from '../model/measurement.js';
import { isOoniMeasurementUid } from '../model/measurement-id.js';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from '../shared/json-depth.js';
import { quoteValue } from '../shared/quote-value.js';
import { scrubAddress } from '../shared/scrub-address.js';
import type { MeasurementRecord, MeasurementSource } from '../store/measurement-store.js';
import type { Analyzer, ReportedVerdict } from './analyzer.js';
import { parseTime } from './parse-time.js';
import { simulatedMarker } from './simulated-marker.js';

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

/** What one JSON text yields: its records, and the refused items when it is an array (each with its `item`). */
export interface TextRecords {
  records: MeasurementRecord[];
  refused: RecordError[];
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
}

type Doc = Record<string, unknown>;

const isObject = (v: unknown): v is Doc => typeof v === 'object' && v !== null && !Array.isArray(v);

function need(doc: Doc, key: string, type: 'string' | 'object' | 'boolean' | 'array'): void {
  const v = doc[key];
  if (v === undefined || v === null) throw new RecordError('missing field', `missing field "${key}"`);
  const ok = type === 'array' ? Array.isArray(v) : type === 'object' ? isObject(v) : typeof v === type;
  if (!ok)
    throw new RecordError(
      'wrong type',
      `field "${key}" should be ${/^[ao]/.test(type) ? 'an' : 'a'} ${type}`,
    );
}

/** A stable id for records without a measurement_uid: the hash of their JSON text. */
export function contentHash(text: string): string {
  return hash('sha256', text, 'hex').slice(0, 32);
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
 * Parses one JSON text and converts it: one record, or an array of them of which each item is converted on its
 * own, so that a bad item costs only itself. Throws the RecordError of a text refused whole (not JSON, nested too
 * deep, an empty array, a record that is not one). The text itself is kept as the raw record when nothing in it
 * changes.
 */
export function convertText(text: string, ctx: ConvertContext): TextRecords {
  const doc = parseJson(text);
  if (!Array.isArray(doc)) return { records: toRecords(doc, ctx, text), refused: [] };
  // Counted as a refusal rather than vanishing: whoever wrote it meant to send something.
  if (doc.length === 0) throw new RecordError('empty array', 'an empty array holds no measurement');
  const out: TextRecords = { records: [], refused: [] };
  for (const [i, item] of doc.entries()) {
    try {
      out.records.push(...toRecords(item, ctx));
    } catch (err) {
      if (!(err instanceof RecordError)) throw err;
      out.refused.push(new RecordError(err.kind, err.message, i + 1));
    }
  }
  return out;
}

/** The records of one JSON text, all or none: a bad item of an array refuses the text, naming the item. */
export function recordsFromText(text: string, ctx: ConvertContext): MeasurementRecord[] {
  const { records, refused } = convertText(text, ctx);
  const bad = refused[0];
  if (bad) throw new RecordError(bad.kind, `item ${bad.item}: ${bad.message}`);
  return records;
}

/** Converts one document that is not an array and returns its records; `text` is its JSON source. */
function toRecords(doc: unknown, ctx: ConvertContext, text?: string): MeasurementRecord[] {
  // An array inside an array is not a record either: arrays are flattened one level, never recursively.
  if (!isObject(doc)) throw new RecordError('wrong type', 'a record must be a JSON object');
  // A recorded API response ({status, body: "<json>"}), as OONI Explorer's fixtures store them. A wrapper inside
  // a body must be escaped once more, which doubles its backslashes: a 32 MiB line holds fewer than 25 levels.
  if (typeof doc.status === 'number' && typeof doc.body === 'string') return recordsFromText(doc.body, ctx);
  if ('raw_measurement' in doc) return [fromMeasurementMeta(doc, ctx)];
  if ('test_keys' in doc || 'test_name' in doc) return [fromOoni(doc, null, null, ctx, text)];
  if ('vp' in doc && 'passed_liveness' in doc) return [fromSatellite(doc, ctx)];
  if ('vp' in doc && 'service' in doc) return [fromHyperquackV2(doc, ctx)];
  if ('Server' in doc && 'Keyword' in doc) return [fromHyperquackV1(doc, ctx)];
  throw new RecordError(
    'unknown format',
    'not an OONI measurement, an OONI API wrapper or a Censored Planet result',
  );
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

function requireSource(ctx: ConvertContext, family: 'ooni' | 'censoredplanet'): void {
  if (ctx.source !== 'auto' && ctx.source !== family) {
    throw new RecordError(
      'wrong source',
      `a ${family === 'ooni' ? 'OONI' : 'Censored Planet'} record, but --source ${ctx.source}`,
    );
  }
}

function fromMeasurementMeta(doc: Doc, ctx: ConvertContext): MeasurementRecord {
  need(doc, 'raw_measurement', 'string');
  const raw = parseJson(doc.raw_measurement as string);
  if (!isObject(raw)) throw new RecordError('wrong type', 'raw_measurement must hold a JSON object');
  const flag = (k: string) => (typeof doc[k] === 'boolean' ? (doc[k] as boolean) : null);
  const reported: ReportedVerdict = {
    anomaly: flag('anomaly'),
    confirmed: flag('confirmed'),
    failure: flag('failure'),
  };
  const uid = ooniUid(doc.measurement_uid);
  const category = typeof doc.category_code === 'string' && doc.category_code ? doc.category_code : null;
  const rec = fromOoni(raw, uid, reported, ctx, doc.raw_measurement as string);
  return category ? { ...rec, categoryCode: rec.categoryCode ?? category } : rec;
}

const CC = /^[A-Z]{2}$/;

/**
 * A measurement_uid as given, or null when there is none. It becomes the store's key, shown in URLs and files:
 * only OONI's own shapes are taken (an empty one, 100,000 characters or `../` were taken as sent).
 */
function ooniUid(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string')
    throw new RecordError('wrong type', 'field "measurement_uid" should be a string');
  if (!isOoniMeasurementUid(value))
    throw new RecordError('wrong type', `measurement_uid ${quoteValue(value)} is not an OONI measurement id`);
  return value;
}

function fromOoni(
  doc: Doc,
  uidFromWrapper: string | null,
  reported: ReportedVerdict | null,
  ctx: ConvertContext,
  text?: string,
): MeasurementRecord {
  requireSource(ctx, 'ooni');
  need(doc, 'test_name', 'string');
  need(doc, 'test_keys', 'object');
  need(doc, 'probe_cc', 'string');
  need(doc, 'measurement_start_time', 'string');
  // Checked even when the wrapper's uid is the key: the record is stored as it is, its uid with it.
  const ownUid = ooniUid(doc.measurement_uid);
  if (doc.probe_asn === undefined || doc.probe_asn === null)
    throw new RecordError('missing field', 'missing field "probe_asn"');
  const asn = typeof doc.probe_asn === 'number' ? `AS${doc.probe_asn}` : String(doc.probe_asn);
  if (!/^AS\d{1,10}$/.test(asn))
    throw new RecordError('wrong type', `probe_asn ${quoteValue(asn)} is not ASnnn`);
  const cc = String(doc.probe_cc);
  if (!CC.test(cc)) throw new RecordError('wrong type', `probe_cc ${quoteValue(cc)} is not a country code`);
  const startTime = parseTime(doc.measurement_start_time);
  if (!startTime)
    throw new RecordError(
      'wrong type',
      `measurement_start_time ${quoteValue(String(doc.measurement_start_time))} is not a time`,
    );
  if (doc.input !== undefined && doc.input !== null && typeof doc.input !== 'string') {
    throw new RecordError('wrong type', 'field "input" should be a string or null');
  }
  // Never keep a probe user's own address: OONI publishes 127.0.0.1 in its place, and so do we, and the address
  // goes from wherever else it appears (a failure text, an annotation). A record that already says 127.0.0.1 is
  // kept as its own text (no second serialisation).
  const scrubbed = doc.probe_ip === '127.0.0.1';
  const m = (scrubbed
    ? doc
    : scrubAddress(
        { ...doc, probe_ip: '127.0.0.1' },
        doc.probe_ip as string | undefined,
      )) as unknown as Measurement;
  const rawJson = (scrubbed ? text : undefined) ?? JSON.stringify(m);
  const input = (doc.input as string | null | undefined) || null;
  const uid = uidFromWrapper ?? ownUid ?? `h-${contentHash(rawJson)}`;
  const source: MeasurementSource = doc.software_name === 'netfreedom' ? 'netfreedom' : 'ooni';
  return {
    uid,
    source,
    testName: doc.test_name as string,
    input,
    domain: domainOf(input),
    probeCc: cc,
    probeAsn: asn,
    startTime,
    categoryCode: input && ctx.categoryOf ? ctx.categoryOf(input, cc) : null,
    // Bundled test data must never count as real: the record's own marks say so, whatever the file is called.
    simulated: Boolean(ctx.simulated) || simulatedMarker(doc) !== null,
    analysis: ctx.analyze(m, reported),
    raw: m,
    rawJson,
  };
}

function cpRecord(
  doc: Doc,
  testName: string,
  vp: string,
  testUrl: string,
  cc: string | undefined,
  time: unknown,
  analysis: MeasurementRecord['analysis'],
  ctx: ConvertContext,
): MeasurementRecord {
  const startTime = parseTime(time);
  if (!startTime) throw new RecordError('wrong type', `start time ${quoteValue(String(time))} is not a time`);
  const probeCc = cc && CC.test(cc) ? cc : 'ZZ';
  const rawJson = JSON.stringify(doc);
  return {
    uid: `cp-${contentHash(rawJson)}`,
    source: 'censoredplanet',
    testName,
    input: testUrl,
    domain: domainOf(testUrl),
    probeCc,
    // Censored Planet vantage points are servers, not users; their AS is not in these files.
    probeAsn: 'AS0',
    startTime,
    categoryCode: ctx.categoryOf ? ctx.categoryOf(testUrl, probeCc) : null,
    simulated: Boolean(ctx.simulated),
    analysis: withReason(analysis, evidence('cp_vantage_point', { server: vp })),
    raw: doc,
    rawJson,
  };
}

function fromSatellite(doc: Doc, ctx: ConvertContext): MeasurementRecord {
  requireSource(ctx, 'censoredplanet');
  need(doc, 'vp', 'string');
  need(doc, 'test_url', 'string');
  need(doc, 'passed_liveness', 'boolean');
  need(doc, 'connect_error', 'boolean');
  need(doc, 'anomaly', 'boolean');
  need(doc, 'response', 'array');
  const r = doc as unknown as SatelliteResult;
  return cpRecord(
    doc,
    'satellite',
    r.vp,
    r.test_url,
    r.location?.country_code,
    r.start_time,
    judgeSatellite(r),
    ctx,
  );
}

function fromHyperquackV2(doc: Doc, ctx: ConvertContext): MeasurementRecord {
  requireSource(ctx, 'censoredplanet');
  need(doc, 'vp', 'string');
  need(doc, 'service', 'string');
  need(doc, 'test_url', 'string');
  need(doc, 'anomaly', 'boolean');
  need(doc, 'controls_failed', 'boolean');
  need(doc, 'response', 'array');
  const r = doc as unknown as HyperquackV2Result;
  const first = r.response.find((x) => !x.control_url) ?? r.response[0];
  const service = r.service.split(':')[0]!.replace(/[^a-z]/g, '');
  const analysis = judgeHyperquack(r, ctx.matchCensoredPlanet);
  return cpRecord(
    doc,
    `hyperquack_${service}`,
    r.vp,
    r.test_url,
    r.location?.country_code,
    first?.start_time,
    analysis,
    ctx,
  );
}

function fromHyperquackV1(doc: Doc, ctx: ConvertContext): MeasurementRecord {
  requireSource(ctx, 'censoredplanet');
  need(doc, 'Server', 'string');
  need(doc, 'Keyword', 'string');
  need(doc, 'Results', 'array');
  need(doc, 'Blocked', 'boolean');
  need(doc, 'FailSanity', 'boolean');
  const r = doc as unknown as HyperquackV1Result;
  const service = /https/i.test(ctx.fileName) ? 'https' : 'http';
  const analysis = judgeHyperquackV1(r, service, ctx.matchCensoredPlanet);
  return cpRecord(
    doc,
    `hyperquack_${service}`,
    r.Server,
    r.Keyword,
    undefined,
    r.Results[0]?.StartTime,
    analysis,
    ctx,
  );
}
