/** What a run of the demo measures afresh each time (clock, timings, run-time keys, DNS ids), masked so that two runs of the same scenarios compare equal. */

/** Timings in seconds the probe and the control measure. */
const TIMINGS = new Set([
  't',
  't0',
  'test_runtime',
  'neutral_handshake_time',
  'handshake_time',
  'transfer_time',
  'control_transfer_time',
  'slowdown',
  'x_timings',
  'repeat_handshake_time',
  'transfer_loop_lag',
  'handshake_loop_lag',
  'x_loop_lag',
]);
/** Hashes of certificates the simulated PKI makes anew for every run (openssl keys). */
const CERTIFICATE_HASHES = new Set(['chain_sha256', 'control_chain_sha256', 'x_certificate_sha256']);

/**
 * A copy of a measurement with every value that changes from run to run replaced by a placeholder: the clock
 * (start times, the report id's time, `Date` headers), timings and the throttling slowdown computed from them
 * (also where the evidence quotes it), certificates and their hashes (the test PKI's keys are made at run time),
 * and DNS messages (their random id). Everything else (sites, networks, marks, steps, failures, verdicts,
 * evidence) must be equal.
 */
export function maskMeasuredValues(value: unknown, key = ''): unknown {
  if (TIMINGS.has(key) && value !== null) return '<timing>';
  if (key === 'measurement_start_time' || key === 'test_start_time') return '<time>';
  if (key === 'report_id' && typeof value === 'string') return value.replace(/^\d{8}T\d{6}Z/, '<time>');
  if (key === 'raw_response') return '<dns message>';
  if (key === 'peer_certificates' && Array.isArray(value)) return value.map(() => '<certificate>');
  if (CERTIFICATE_HASHES.has(key) && value !== null) return '<certificate hashes>';
  if (key === 'evidence' && Array.isArray(value)) {
    return value.map((e) => (typeof e === 'string' ? e.replace(/\d+(\.\d+)?×/g, 'N×') : e));
  }
  if (Array.isArray(value)) {
    // headers_list: [name, value] pairs.
    if (value.length === 2 && typeof value[0] === 'string' && value[0].toLowerCase() === 'date')
      return [value[0], '<date>'];
    return value.map((v) => maskMeasuredValues(v));
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        key === 'headers' && k.toLowerCase() === 'date' ? '<date>' : maskMeasuredValues(v, k),
      ]),
    );
  }
  return value;
}
