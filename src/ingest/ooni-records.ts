/** OONI measurements (raw, our probe's, and the API's measurement_meta wrappers) → measurement records. */
import type { Measurement } from '../model/measurement.js';
import { isOoniMeasurementUid } from '../model/measurement-id.js';
import { quoteValue } from '../shared/quote-value.js';
import { scrubAddress } from '../shared/scrub-address.js';
import type { MeasurementRecord, MeasurementSource } from '../store/measurement-store.js';
import type { ReportedVerdict } from './analyzer.js';
import { parseTime } from './parse-time.js';
import {
  CC,
  type ConvertContext,
  contentHash,
  type Doc,
  domainOf,
  isObject,
  need,
  parseJson,
  RecordError,
  requireSource,
} from './record-fields.js';
import { simulatedMarker } from './simulated-marker.js';

/** An API wrapper: the raw measurement inside, with the uid and verdict flags OONI's API gave it. */
export function fromMeasurementMeta(doc: Doc, ctx: ConvertContext): MeasurementRecord {
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

/** One OONI-format measurement; `text` is its JSON source, kept as the raw record when nothing in it changes. */
export function fromOoni(
  given: Doc,
  uidFromWrapper: string | null,
  reported: ReportedVerdict | null,
  ctx: ConvertContext,
  text?: string,
): MeasurementRecord {
  // Never keep a probe user's own address: OONI publishes 127.0.0.1 in its place, and so do we, and the address
  // goes from wherever else it appears (a failure text, an annotation, the input). Scrubbed before anything is
  // read, so that neither a column taken from the record (input, domain) nor a refusal quoting a bad value
  // carries it into the store or a log. A record that already says 127.0.0.1 is kept as its own text (no second
  // serialisation). The address a submission came from goes the same way.
  const ownIp = given.probe_ip === '127.0.0.1';
  const doc: Doc = scrubAddress(
    ownIp ? given : scrubAddress({ ...given, probe_ip: '127.0.0.1' }, given.probe_ip as string | undefined),
    ctx.senderAddress,
  );
  const unchanged = doc === given;
  requireSource(ctx, 'ooni');
  need(doc, 'test_name', 'string');
  // Null test keys (a test that recorded no result) are a measurement all the same, counted as a failure; a
  // document without the field at all is not a measurement (an API listing row, a detector's query).
  if (doc.test_keys !== null) need(doc, 'test_keys', 'object');
  need(doc, 'measurement_start_time', 'string');
  // Checked even when the wrapper's uid is the key: the record is stored as it is, its uid with it.
  const ownUid = ooniUid(doc.measurement_uid);
  // As for the country: OONI files a measurement without a network under AS0. Neither a string nor a number is
  // refused before String(): an object such as {"toString": ""} made it throw a TypeError and stop the ingest.
  const asnType = typeof doc.probe_asn;
  if (doc.probe_asn !== undefined && doc.probe_asn !== null && asnType !== 'string' && asnType !== 'number')
    throw new RecordError('wrong type', 'field "probe_asn" should be a string or a number');
  const asn =
    doc.probe_asn === undefined || doc.probe_asn === null
      ? 'AS0'
      : typeof doc.probe_asn === 'number'
        ? `AS${doc.probe_asn}`
        : String(doc.probe_asn);
  if (!/^AS\d{1,10}$/.test(asn))
    throw new RecordError('wrong type', `probe_asn ${quoteValue(asn)} is not ASnnn`);
  // OONI files a measurement without a country under ZZ, as it does one whose country is unknown.
  if (doc.probe_cc !== undefined && doc.probe_cc !== null && typeof doc.probe_cc !== 'string')
    throw new RecordError('wrong type', 'field "probe_cc" should be a string');
  const cc = typeof doc.probe_cc === 'string' ? doc.probe_cc : 'ZZ';
  if (!CC.test(cc)) throw new RecordError('wrong type', `probe_cc ${quoteValue(cc)} is not a country code`);
  const startTime = parseTime(doc.measurement_start_time);
  if (!startTime)
    throw new RecordError(
      'wrong type',
      `measurement_start_time ${quoteValue(String(doc.measurement_start_time))} is not a time`,
    );
  const input = inputText(doc.input);
  const m = doc as unknown as Measurement;
  const rawJson = (unchanged ? text : undefined) ?? JSON.stringify(m);
  const uid = uidFromWrapper ?? ownUid ?? `h-${contentHash(rawJson, ctx.line)}`;
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
    origin: 'import',
    reporter: null,
    analysis: ctx.analyze(m, reported),
    raw: m,
    rawJson,
  };
}

/**
 * The input as one text: a string as it is; a list of strings (legacy tests such as meek_fronted_requests_test
 * took [front domain, hidden host]) joined by spaces, the raw record keeping the list; nothing as null.
 */
function inputText(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string'))
    return value.join(' ');
  throw new RecordError('wrong type', 'field "input" should be a string, a list of strings or null');
}
