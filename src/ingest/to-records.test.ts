/** Converting one JSON text into records: what hostile input is refused, and that it is refused as a RecordError. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STORED_UID_PATTERN } from '../model/measurement-id.js';
import { MAX_JSON_DEPTH } from '../shared/json-depth.js';
import { reportedAnalysis } from './analyzer.js';
import { type ConvertContext, RecordError } from './record-fields.js';
import { convertText, recordsFromText } from './to-records.js';

const FIX = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'pipeline', 'ooni');
const ctx: ConvertContext = { source: 'auto', analyze: reportedAnalysis, fileName: 'test.jsonl' };
const good = JSON.parse(readFileSync(join(FIX, 'report1.json'), 'utf8')) as Record<string, unknown>;

/** The error `recordsFromText(text)` throws (failing the test when it throws nothing). */
function refusal(text: string): RecordError {
  try {
    recordsFromText(text, ctx);
  } catch (err) {
    return err as RecordError;
  }
  throw new Error('expected a refusal');
}

const nested = (depth: number, inner = '') => `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;
/** The good measurement with `depth` arrays nested in test_keys.x: the record itself is `depth + 2` deep. */
const withDeepValue = (depth: number, probe_ip = '127.0.0.1') =>
  JSON.stringify({ ...good, probe_ip, test_keys: { x: 1 } }).replace(
    '{"x":1}',
    `{"x":${nested(depth, '1')}}`,
  );

describe('recordsFromText and deep nesting', () => {
  it('refuses a body nested 2,000 deep as a RecordError (the submission route answers 400 to that)', () => {
    const err = refusal(nested(2000));
    expect(err).toBeInstanceOf(RecordError);
    expect(err.kind).toBe('too deep');
    expect(err.message).toBe(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
  });

  it('refuses a measurement holding a deep value, also one whose text would be stored as read', () => {
    for (const probe_ip of ['127.0.0.1', '203.0.113.9']) {
      expect(refusal(withDeepValue(100_000, probe_ip)).kind).toBe('too deep');
    }
  });

  it('refuses a deep raw_measurement inside an API wrapper', () => {
    const wrapper = { measurement_uid: null, raw_measurement: nested(5000) };
    expect(refusal(JSON.stringify(wrapper)).kind).toBe('too deep');
  });

  it('takes a record nested exactly to the bound', () => {
    expect(recordsFromText(withDeepValue(MAX_JSON_DEPTH - 2), ctx)).toHaveLength(1);
    expect(refusal(withDeepValue(MAX_JSON_DEPTH - 1)).kind).toBe('too deep');
  });
});

describe('arrays of records', () => {
  const line = (fields: Record<string, unknown>) => JSON.stringify({ ...good, ...fields });

  it('keeps every good item and refuses each bad one with its 1-based position', () => {
    const text = `[${line({ report_id: 'a' })},${line({ measurement_start_time: undefined })},7,[],${line({ report_id: 'b' })}]`;
    const { records, refused } = convertText(text, ctx);
    expect(records.map((r) => (r.raw as { report_id: string }).report_id)).toEqual(['a', 'b']);
    expect(refused.map((e) => [e.item, e.kind, e.message])).toEqual([
      [2, 'missing field', 'missing field "measurement_start_time"'],
      [3, 'wrong type', 'a record must be a JSON object'],
      [4, 'wrong type', 'a record must be a JSON object'],
    ]);
  });

  it('refuses an empty array, which holds no measurement', () => {
    expect(refusal('[]')).toMatchObject({
      kind: 'empty array',
      message: 'an empty array holds no measurement',
    });
  });

  it('recordsFromText (the submission route) refuses a text with a bad item, naming the item', () => {
    const err = refusal(`[${line({ report_id: 'a' })},${line({ probe_asn: 'x' })}]`);
    expect(err).toMatchObject({ kind: 'wrong type', message: 'item 2: probe_asn "x" is not ASnnn' });
  });
});

describe('measurement ids', () => {
  const withUid = (measurement_uid: unknown) => JSON.stringify({ ...good, measurement_uid });
  const wrapped = (measurement_uid: unknown) =>
    JSON.stringify({ measurement_uid, raw_measurement: JSON.stringify(good), anomaly: false });
  const CURRENT = '20240514233718.029308_KZ_webconnectivity_007c5a9f4031213d';
  const LEGACY = '01201508281c027b0b3dbb5701351ae370852165';

  it("keeps OONI's measurement_uid, current or legacy, from the record or its API wrapper", () => {
    for (const uid of [CURRENT, LEGACY]) {
      expect(recordsFromText(withUid(uid), ctx)[0]!.uid).toBe(uid);
      expect(recordsFromText(wrapped(uid), ctx)[0]!.uid).toBe(uid);
    }
  });

  it('gives a record without one (or with null) a content-hash id of the stored shape', () => {
    for (const text of [JSON.stringify(good), withUid(null), wrapped(null)]) {
      expect(recordsFromText(text, ctx)[0]!.uid).toMatch(STORED_UID_PATTERN);
      expect(recordsFromText(text, ctx)[0]!.uid).toMatch(/^h-[0-9a-f]{32}$/);
    }
  });

  it('refuses any other measurement_uid, quoting at most 40 characters of it with control characters visible', () => {
    const cases: [unknown, string][] = [
      ['', 'measurement_uid "" is not an OONI measurement id'],
      [
        'x'.repeat(100_000),
        `measurement_uid "${'x'.repeat(40)}"… (100000 characters) is not an OONI measurement id`,
      ],
      [
        `${CURRENT}\t`,
        `measurement_uid "${CURRENT.slice(0, 40)}"… (58 characters) is not an OONI measurement id`,
      ],
      ['a\tb\r\u001b[2J\u202e', 'measurement_uid "a\\tb\\r\\u001b[2J\\u202e" is not an OONI measurement id'],
      [
        '<script>alert(1)</script>/../../etc/passwd',
        'measurement_uid "<script>alert(1)</script>/../../etc/pass"… (42 characters) is not an OONI measurement id',
      ],
      [42, 'field "measurement_uid" should be a string'],
    ];
    for (const [uid, message] of cases) {
      for (const text of [withUid(uid), wrapped(uid)]) {
        const err = refusal(text);
        expect(err).toBeInstanceOf(RecordError);
        expect([err.kind, err.message]).toEqual(['wrong type', message]);
      }
    }
  });
});

describe('quoted values in refusals', () => {
  it('never carries a control character of the record into a message (it goes to a terminal)', () => {
    const hostile = '\u001b]0;owned\u0007\r';
    const shown = '"\\u001b]0;owned\\u0007\\r"';
    const cases: [Record<string, unknown>, string][] = [
      [{ probe_cc: hostile }, `probe_cc ${shown} is not a country code`],
      [{ probe_asn: hostile }, `probe_asn ${shown} is not ASnnn`],
      [{ measurement_start_time: hostile }, `measurement_start_time ${shown} is not a time`],
    ];
    for (const [fields, message] of cases) {
      expect(refusal(JSON.stringify({ ...good, ...fields })).message).toBe(message);
    }
    const satellite = { vp: '1.1.1.1', test_url: 'a.com', passed_liveness: true, connect_error: false };
    const cp = { ...satellite, anomaly: false, response: [], start_time: hostile };
    expect(refusal(JSON.stringify(cp)).message).toBe(`start time ${shown} is not a time`);
  });
});

describe("the probe's own address", () => {
  const ip = '81.2.69.142';
  it('is scrubbed from the columns taken from the record (input, domain), not only from the raw record', () => {
    const [rec] = recordsFromText(
      JSON.stringify({ ...good, probe_ip: ip, input: `http://${ip}/?from=${ip}` }),
      ctx,
    );
    expect(JSON.stringify([rec!.input, rec!.domain, rec!.rawJson])).not.toContain(ip);
    expect(rec!.input).toBe('http://[scrubbed]/?from=[scrubbed]');
  });

  it('is not quoted by a refusal (an ingest log line, a 400 answer)', () => {
    const err = refusal(JSON.stringify({ ...good, probe_ip: ip, measurement_start_time: `at ${ip}` }));
    expect(err.message).toBe('measurement_start_time "at [scrubbed]" is not a time');
  });
});

describe("a submission's sender address", () => {
  it('is scrubbed like probe_ip, also from a record that says 127.0.0.1 but left it in a failure text', () => {
    const sender = '81.2.69.142';
    const doc = { ...good, probe_ip: '127.0.0.1', test_keys: { failure: `connect to ${sender} failed` } };
    const [rec] = recordsFromText(JSON.stringify(doc), { ...ctx, senderAddress: `::ffff:${sender}` });
    expect(rec!.rawJson).not.toContain(sender);
    expect(rec!.rawJson).toContain('connect to [scrubbed] failed');
    // Without one, a record that says 127.0.0.1 is kept as sent.
    const [kept] = recordsFromText(JSON.stringify(doc), ctx);
    expect(kept!.rawJson).toBe(JSON.stringify(doc));
  });
});

describe('Censored Planet items that are not objects', () => {
  // Found by test/reliability/bad-input-measurements.test.ts: a null item made the verdict throw a TypeError,
  // which stopped the whole ingest instead of refusing the one record.
  const hyperquack = {
    vp: '0.0.0.0',
    test_url: 'a.aa',
    service: 'http',
    anomaly: true,
    controls_failed: false,
  };
  const satellite = {
    vp: '1.1.1.1',
    test_url: 'a.com',
    passed_liveness: true,
    connect_error: false,
    anomaly: true,
  };
  const v1 = { Server: '1.1.1.1', Keyword: 'a.com', Blocked: true, FailSanity: false };
  it.each([
    ['Hyperquack v2', { ...hyperquack, response: [null] }, 'item 1 of "response" should be an object'],
    [
      'Hyperquack v2',
      { ...hyperquack, response: [{ start_time: '2021-01-01T00:00:00Z' }, 7] },
      'item 2 of "response" should be an object',
    ],
    ['Satellite', { ...satellite, response: ['x'] }, 'item 1 of "response" should be an object'],
    ['Satellite', { ...satellite, response: [{ url: [] }] }, 'field "url" should be a string'],
    [
      'Satellite',
      { ...satellite, response: [], excluded: true, exclude_reason: 'x' },
      'field "exclude_reason" should be an array',
    ],
    ['Hyperquack v1', { ...v1, Results: [null] }, 'item 1 of "Results" should be an object'],
  ])('%s: refused as a RecordError naming the item', (_, doc, message) => {
    const err = refusal(JSON.stringify(doc));
    expect(err).toBeInstanceOf(RecordError);
    expect(err.message).toBe(message);
  });
});

describe('an OONI probe_asn that is neither text nor a number', () => {
  it('is refused as a RecordError (an object with a toString key made String() throw)', () => {
    // Found by the full run of test/reliability/bad-input-measurements.test.ts.
    for (const probe_asn of [{ toString: '' }, [], true]) {
      const err = refusal(JSON.stringify({ ...good, probe_asn }));
      expect(err).toBeInstanceOf(RecordError);
      expect(err.message).toBe('field "probe_asn" should be a string or a number');
    }
  });
});
