/** The shapes of measurement ids: OONI's measurement_uid, and the content-hash ids netfreedom gives records without one. */

/**
 * OONI's measurement_uid since 2020, `20240514233718.029308_KZ_webconnectivity_007c5a9f4031213d`: the UTC time
 * the backend received it to the microsecond, the probe's country, the test name without underscores (letters
 * in every published sample; digits allowed for tests yet to come) and 16 hex digits.
 */
const CURRENT = String.raw`\d{14}\.\d{6}_[A-Z]{2}_[a-z0-9]{1,40}_[0-9a-f]{16}`;
/** Before it (2015–2020), `01201508281c027b0b3dbb5701351ae370852165`: `01`, the day as YYYYMMDD, 30 hex digits. */
const LEGACY = String.raw`01\d{8}[0-9a-f]{30}`;
/** A record without a uid: `h-` (OONI format) or `cp-` (Censored Planet) and 32 hex digits of its text's SHA-256. */
const CONTENT_HASH = '(?:h|cp)-[0-9a-f]{32}';

/** OONI's two measurement_uid shapes, checked against every uid in data/ooni/measurements/ (current and legacy). */
export const OONI_UID_PATTERN = new RegExp(`^(?:${CURRENT}|${LEGACY})$`);

/** Every id netfreedom stores (the API checks path ids and cursors with it). */
export const STORED_UID_PATTERN = new RegExp(`^(?:${CURRENT}|${LEGACY}|${CONTENT_HASH})$`);

/** The longest id STORED_UID_PATTERN takes: a current OONI uid with a 40-letter test name. */
export const MAX_STORED_UID_LENGTH = 14 + 1 + 6 + 1 + 2 + 1 + 40 + 1 + 16;

/** Whether `value` is a measurement_uid as OONI writes them; anything else must not become a store key. */
export function isOoniMeasurementUid(value: unknown): value is string {
  return typeof value === 'string' && OONI_UID_PATTERN.test(value);
}
