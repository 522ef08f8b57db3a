/** One parsed JSON document → measurement records: OONI measurements (raw, API wrappers, ours) and Censored Planet results. */
import type { MeasurementRecord } from '../store/measurement-store.js';
import { fromHyperquackV1, fromHyperquackV2, fromSatellite } from './censored-planet-records.js';
import { fromMeasurementMeta, fromOoni } from './ooni-records.js';
import { type ConvertContext, isObject, parseJson, RecordError } from './record-fields.js';

/** What one JSON text yields: its records, and the refused items when it is an array (each with its `item`). */
export interface TextRecords {
  records: MeasurementRecord[];
  refused: RecordError[];
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
