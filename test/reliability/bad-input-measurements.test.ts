/**
 * Property-based tests of the measurement readers (fast-check): OONI measurements and API wrappers, Censored
 * Planet Satellite and Hyperquack v1/v2, and JSON Lines files as bytes, plain or gzipped. Whatever the input, a
 * reader returns records or refuses with its clean RecordError; a file's every line is a record or a refusal
 * naming that line.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { convertJob } from '../../src/ingest/convert-items.js';
import { ingestFiles } from '../../src/ingest/ingest-files.js';
import { splitLineChunks } from '../../src/ingest/read-lines.js';
import { type ConvertContext, RecordError } from '../../src/ingest/record-fields.js';
import { convertText } from '../../src/ingest/to-records.js';
import { NetfreedomError } from '../../src/shared/errors.js';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.js';
import { atLeast, type Figure, none, recordFigures, sized } from '../../testkit/reliability/figures.js';
import { goodSamples, ingestContext } from '../../testkit/reliability/measurement-samples.js';
import { type PropertyOutcome, runProperty } from '../../testkit/reliability/property-run.js';
import { tempDir } from '../helpers/temp.js';

const RUNS = sized(1000, 20_000);
const figures: Figure[] = [];
let ctx: Omit<ConvertContext, 'fileName'>;
let samples: string[];

/** Records the figures of one reader and asserts its goal: no crash. */
function judge(reader: string, outcome: PropertyOutcome): void {
  figures.push(
    atLeast(`${reader}: inputs tried`, outcome.tried, RUNS),
    none(`${reader}: crashes`, outcome.crashes),
  );
  expect(outcome.first).toBeNull();
  expect(outcome.tried).toBeGreaterThanOrEqual(RUNS);
}

const isRefusal = (err: unknown) => err instanceof RecordError;
/** Any JSON value, small, with the odd strings hostile input holds. */
const anyJson = fc.jsonValue({ maxDepth: 4 });
const field = fc.oneof(anyJson, fc.constant(undefined));
const obj = (shape: Record<string, fc.Arbitrary<unknown>>) =>
  fc.record(shape, { requiredKeys: [] }).map((o) => JSON.stringify(o));

beforeAll(async () => {
  ctx = await ingestContext();
  samples = (await goodSamples()).map((s) => s.line);
});
afterAll(async () => {
  await recordFigures('bad-input-measurements', figures);
});

// The full run's properties take minutes each on a busy machine.
vi.setConfig({ testTimeout: 600_000 });

describe('bad input: measurement readers (fast-check)', () => {
  it('OONI measurements with any value in any field: records or a RecordError', async () => {
    const measurement = obj({
      test_name: fc.oneof(fc.constantFrom('web_connectivity', 'dnscheck', 'signal', 'tor'), anyJson),
      test_keys: fc.oneof(anyJson, fc.dictionary(fc.string(), anyJson)),
      measurement_start_time: fc.oneof(fc.constant('2024-01-02 03:04:05'), anyJson),
      probe_cc: fc.oneof(fc.constantFrom('KZ', 'ZZ'), anyJson),
      probe_asn: fc.oneof(fc.constant('AS9198'), fc.integer(), anyJson),
      probe_ip: field,
      input: fc.oneof(fc.webUrl(), fc.array(fc.string()), anyJson),
      measurement_uid: field,
      annotations: field,
      software_name: field,
    });
    const outcome = await runProperty(
      measurement,
      (text) => void convertText(text, { ...ctx, fileName: 'x.jsonl' }),
      {
        runs: RUNS,
        clean: isRefusal,
      },
    );
    judge('OONI measurement reader', outcome);
  });

  it('real measurements with one value replaced anywhere: records or a RecordError', async () => {
    const damaged = fc
      .tuple(fc.nat(), fc.nat(), anyJson)
      .map(([which, where, value]) => replaceSomewhere(samples[which % samples.length]!, where, value));
    const outcome = await runProperty(
      damaged,
      (text) => void convertText(text, { ...ctx, fileName: 'x.jsonl' }),
      {
        runs: RUNS,
        clean: isRefusal,
      },
    );
    judge('OONI real measurements, one value replaced', outcome);
  });

  it('Censored Planet Satellite and Hyperquack v1/v2 with any values: records or a RecordError', async () => {
    const responses = fc.array(
      fc.oneof(
        anyJson,
        fc.dictionary(
          fc.constantFrom('url', 'response', 'error', 'control_url', 'body', 'rcode', 'start_time'),
          anyJson,
        ),
      ),
      { maxLength: 4 },
    );
    const base = {
      vp: fc.oneof(fc.ipV4(), anyJson),
      test_url: fc.oneof(fc.domain(), anyJson),
      anomaly: fc.oneof(fc.boolean(), anyJson),
      response: fc.oneof(responses, anyJson),
      location: field,
      start_time: field,
    };
    const satellite = obj({
      ...base,
      passed_liveness: fc.oneof(fc.boolean(), anyJson),
      connect_error: fc.oneof(fc.boolean(), anyJson),
      excluded: field,
      exclude_reason: field,
    });
    const hyperquack2 = obj({
      ...base,
      service: fc.oneof(fc.constantFrom('http', 'https', 'echo'), anyJson),
      controls_failed: fc.oneof(fc.boolean(), anyJson),
      stateful_block: field,
    });
    const hyperquack1 = obj({
      Server: fc.oneof(fc.ipV4(), anyJson),
      Keyword: fc.oneof(fc.domain(), anyJson),
      Results: fc.oneof(
        fc.array(
          fc.oneof(
            anyJson,
            fc.dictionary(fc.constantFrom('StartTime', 'Received', 'Error', 'Success'), anyJson),
          ),
          { maxLength: 3 },
        ),
        anyJson,
      ),
      Blocked: fc.oneof(fc.boolean(), anyJson),
      FailSanity: fc.oneof(fc.boolean(), anyJson),
      StatefulBlock: field,
    });
    const outcome = await runProperty(
      fc.tuple(
        fc.oneof(satellite, hyperquack2, hyperquack1),
        fc.constantFrom('http_results_v1.json', 'https_results_v2.json'),
      ),
      ([text, fileName]) => void convertText(text, { ...ctx, fileName }),
      { runs: RUNS, clean: isRefusal },
    );
    judge('Censored Planet readers', outcome);
  });

  it('JSON Lines as any bytes: every line is a record or a refusal naming that line', async () => {
    const lines = fc.array(
      fc.oneof(
        fc.constantFrom(...samples.slice(0, 20)),
        fc.string(),
        fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('latin1')),
        anyJson.map((v) => JSON.stringify(v)),
      ),
      { maxLength: 12 },
    );
    const file = fc.tuple(lines, fc.constantFrom('\n', '\r\n', '\r'), fc.boolean());
    const outcome = await runProperty(
      file,
      async ([items, eol, bom]) => {
        const bytes = Buffer.from(`${bom ? '\uFEFF' : ''}${items.join(eol)}`, 'utf8');
        for await (const chunk of splitLineChunks(Readable.from([bytes]))) {
          const out = convertJob({ kind: 'lines', fileName: 'x.jsonl', chunk }, ctx);
          for (const r of out.rejected) {
            const line = Number(String(r.where).split(' ')[0]);
            if (!(line >= chunk.firstLine && line < chunk.firstLine + chunk.lines)) return false;
          }
          if (out.read !== out.records.length + out.rejected.length) return false;
        }
        return true;
      },
      { runs: RUNS, clean: () => false },
    );
    judge('JSON Lines reader (bytes)', outcome);
  });

  it('whole files, plain, gzipped or cut short, through ingestFiles into DuckDB: no crash, every refusal by file and line', async () => {
    const dir = tempDir('nf-files-');
    const store = await DuckDbStore.open(':memory:');
    let n = 0;
    try {
      const file = fc.tuple(
        fc.array(
          fc.oneof(
            fc.constantFrom(...samples),
            fc.string(),
            anyJson.map((v) => JSON.stringify(v)),
          ),
          { maxLength: 6 },
        ),
        fc.constantFrom('plain', 'gzip', 'cut gzip', 'document'),
        fc.nat(),
      );
      const outcome = await runProperty(
        file,
        async ([items, kind, cut]) => {
          const path = join(dir, `f${n++}.json${kind === 'plain' || kind === 'document' ? '' : '.gz'}`);
          const text = kind === 'document' ? `[\n${items.join(',\n')}\n]` : items.join('\n');
          const gz = gzipSync(text);
          writeFileSync(
            path,
            kind === 'plain' || kind === 'document'
              ? text
              : kind === 'gzip'
                ? gz
                : gz.subarray(0, cut % gz.length),
          );
          const bad: string[] = [];
          const s = await ingestFiles(store, [path], {
            ...ctx,
            onError: (m) => {
              if (!m.startsWith(`${path}:`) && !m.startsWith(`${path}: cannot be read`)) bad.push(m);
            },
          });
          return (
            bad.length === 0 &&
            s.read === s.added + s.duplicates + s.rejected - (s.rejectedByReason.unreadable ?? 0)
          );
        },
        { runs: Math.ceil(RUNS / 5), clean: (err) => err instanceof NetfreedomError },
      );
      figures.push(
        atLeast('ingestFiles on generated files: inputs tried', outcome.tried, Math.ceil(RUNS / 5)),
        none('ingestFiles on generated files: crashes', outcome.crashes),
      );
      expect(outcome.first).toBeNull();
    } finally {
      await store.close();
    }
  }, 300_000);
});

/** `text` (a JSON object) with its `where`-th value, counting depth-first, replaced by `value`. */
function replaceSomewhere(text: string, where: number, value: unknown): string {
  const doc = JSON.parse(text) as unknown;
  let count = 0;
  const target = where % 200;
  const visit = (node: unknown): unknown => {
    if (count++ === target) return value;
    if (Array.isArray(node)) return node.map(visit);
    if (node && typeof node === 'object')
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, visit(v)]));
    return node;
  };
  return JSON.stringify(visit(doc));
}
