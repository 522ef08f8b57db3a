/** Ingest over the real OONI and Censored Planet samples: formats, stable ids, bad lines, S3 layout, gzip. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { analyzeMeasurement, loadAnalysisContext, RULES_VERSION } from '../../src/analysis/analyze.js';
import { censoredPlanetMatcher } from '../../src/analysis/censored-planet-verdict.js';
import { createConvertContext, INGEST_CONTEXT_MODULE } from '../../src/cli/ingest-context.js';
import { reportedAnalysis } from '../../src/ingest/analyzer.js';
import { defaultWorkerCount, WORKER_THRESHOLD_BYTES } from '../../src/ingest/convert-pool.js';
import { ingestFiles } from '../../src/ingest/ingest-files.js';
import { reanalyze } from '../../src/ingest/reanalyze.js';
import { MAX_JSON_DEPTH } from '../../src/shared/json-depth.js';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.js';
import { tempDir, tempStore } from '../helpers/temp.js';

const FIX = join(import.meta.dirname, '..', 'fixtures', 'pipeline');
const opts = { source: 'auto' as const, analyze: reportedAnalysis };

describe('ingest', () => {
  let dir: string;
  let store: DuckDbStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nf-ingest-'));
    store = await DuckDbStore.open(':memory:');
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads single-line and pretty-printed OONI files and API wrappers; a re-run adds nothing', async () => {
    const s = await ingestFiles(store, [join(FIX, 'ooni')], opts);
    expect(s).toMatchObject({ files: 5, read: 5, added: 5, duplicates: 0, rejected: 0 });
    const again = await ingestFiles(store, [join(FIX, 'ooni')], opts);
    expect(again).toMatchObject({ added: 0, duplicates: 5, rejected: 0 });
    // The API wrapper keeps OONI's uid and backend verdict; a raw file gets a content hash.
    const ru = await store.measurements.get('01202003039e13e3e38be1918d3a64c2ec27ea22');
    expect(ru).toMatchObject({ probeCc: 'RU', testName: 'web_connectivity', source: 'ooni' });
    expect(ru?.analysis).toMatchObject({ outcome: 'confirmed', blocking: 'http-diff', rulesVersion: 0 });
    const ir = await store.measurements.search({ probeCc: ['IR'] });
    expect(ir.items).toHaveLength(1);
    expect(ir.items[0]!.uid).toMatch(/^h-[0-9a-f]{32}$/);
    expect(ir.items[0]!.blocking).toBe('dns');
  });

  it('never stores the probe IP', async () => {
    const m = JSON.parse(readFileSync(join(FIX, 'ooni', 'report1.json'), 'utf8'));
    const file = join(dir, 'with-ip.jsonl');
    // Also where else it hides: a failure text, an annotation.
    const tk = {
      ...m.test_keys,
      network_events: [{ operation: 'read', failure: 'read 203.0.113.77:5555: reset' }],
    };
    writeFileSync(
      file,
      JSON.stringify({
        ...m,
        probe_ip: '203.0.113.77',
        test_keys: tk,
        annotations: { note: 'ip 203.0.113.77' },
      }),
    );
    await ingestFiles(store, [file], opts);
    const [item] = (await store.measurements.search({})).items;
    const rec = await store.measurements.get(item!.uid);
    expect((rec!.raw as { probe_ip: string }).probe_ip).toBe('127.0.0.1');
    expect(JSON.stringify(rec)).not.toContain('203.0.113.77');
    expect(JSON.stringify(rec!.raw)).toContain('read [scrubbed]:5555: reset');
  });

  it('reads Satellite v2.2 and Hyperquack v1/v2 with their verdicts', async () => {
    const s = await ingestFiles(store, [join(FIX, 'censoredplanet')], opts);
    expect(s.rejected).toBe(0);
    expect(s.added).toBe(12 + 4 * 4 + 4 * 2);
    const rows = await store.measurements.aggregate({ axisX: 'probe_cc', testName: ['satellite'] });
    expect(rows.reduce((n, r) => n + r.measurement_count, 0)).toBe(12);
    const hq = await store.measurements.aggregate({ axisX: 'technique', testName: ['hyperquack_https'] });
    expect(hq.reduce((n, r) => n + r.measurement_count, 0)).toBe(8);
    const failures = await store.measurements.count({ outcome: ['failure'] });
    const anomalies = await store.measurements.count({ outcome: ['anomaly', 'confirmed'] });
    expect(failures + anomalies).toBeGreaterThan(0);
    expect(await store.measurements.count({ outcome: ['ok'] })).toBeGreaterThan(0);
    expect((await ingestFiles(store, [join(FIX, 'censoredplanet')], opts)).added).toBe(0);
  });

  it('reports each bad line as file:line: reason, counts it, and ingests the rest', async () => {
    const good = readFileSync(join(FIX, 'ooni', 'report1.json'), 'utf8').trim();
    const m = JSON.parse(good);
    const lines = [
      '{not json',
      good,
      JSON.stringify({ ...m, measurement_start_time: undefined, report_id: 'x1' }),
      JSON.stringify({ ...m, probe_asn: 'Kazakhtelecom', report_id: 'x2' }),
      JSON.stringify({ ...m, measurement_start_time: 'yesterday', report_id: 'x3' }),
      JSON.stringify({ hello: 'world' }),
      '',
      JSON.stringify({ ...m, report_id: 'x4' }),
      JSON.stringify({ ...m, test_keys: [], report_id: 'x5' }),
    ];
    const file = join(dir, 'mixed.jsonl');
    writeFileSync(file, lines.join('\n'));
    const s = await ingestFiles(store, [file], opts);
    expect(s).toMatchObject({ read: 8, added: 2, rejected: 6 });
    expect(s.rejectedByReason).toEqual({
      'invalid JSON': 1,
      'missing field': 1,
      'wrong type': 3,
      'unknown format': 1,
    });
    expect(s.errors[0]).toMatch(new RegExp(`^${file}:1: invalid JSON`));
    expect(s.errors[1]).toBe(`${file}:3: missing field "measurement_start_time"`);
    expect(s.errors[2]).toMatch(`${file}:4: probe_asn "Kazakhtelecom" is not ASnnn`);
    expect(s.errors[5]).toBe(`${file}:9: field "test_keys" should be an object`);
  });

  it('walks OONI S3 layout directories of .jsonl.gz files', async () => {
    const m = JSON.parse(readFileSync(join(FIX, 'ooni', 'report1.json'), 'utf8'));
    for (const [day, hour, n] of [
      ['20240301', '00', 3],
      ['20240302', '13', 2],
    ] as const) {
      const d = join(dir, 'raw', day, hour, 'KZ', 'webconnectivity');
      mkdirSync(d, { recursive: true });
      const body = Array.from({ length: n }, (_, i) =>
        JSON.stringify({
          ...m,
          probe_cc: 'KZ',
          report_id: `${day}-${i}`,
          measurement_start_time: `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6)} ${hour}:00:0${i}`,
        }),
      ).join('\n');
      writeFileSync(join(d, `${day}${hour}_KZ_webconnectivity.n1.0.jsonl.gz`), gzipSync(body));
      writeFileSync(join(d, 'README.txt'), 'not a measurement');
    }
    const s = await ingestFiles(store, [join(dir, 'raw')], { ...opts, batchSize: 2 });
    expect(s).toMatchObject({ files: 2, read: 5, added: 5, rejected: 0 });
    const days = await store.measurements.aggregate({ probeCc: ['KZ'], axisX: 'measurement_start_day' });
    expect(days.map((d) => [d.measurement_start_day, d.measurement_count])).toEqual([
      ['2024-03-01', 3],
      ['2024-03-02', 2],
    ]);
  });

  it('keeps the records before a truncated gzip breaks off, names the file, and goes on with the next', async () => {
    const m = JSON.parse(readFileSync(join(FIX, 'ooni', 'report1.json'), 'utf8'));
    const lines = (prefix: string, n: number) =>
      Array.from({ length: n }, (_, i) => JSON.stringify({ ...m, report_id: `${prefix}-${i}` })).join('\n');
    // Large enough that gunzip hands over whole chunks of lines before it meets the cut.
    const gz = gzipSync(lines('cut', 3000));
    writeFileSync(join(dir, 'a-cut.jsonl.gz'), gz.subarray(0, gz.length - 100));
    writeFileSync(join(dir, 'b-whole.jsonl'), lines('whole', 3));
    const s = await ingestFiles(store, [dir], { ...opts, batchSize: 500 });
    expect(s.rejectedByReason).toEqual({ unreadable: 1 });
    expect(s.errors).toEqual([
      `${join(dir, 'a-cut.jsonl.gz')}: cannot be read to its end (unexpected end of file); the records before were kept`,
    ]);
    expect(s.added).toBe(s.read);
    expect(s.added).toBeGreaterThan(2000 + 3); // most of the cut file, all of the next one
    expect(await store.measurements.count()).toBe(s.added);
    // The same files again: nothing twice.
    const again = await ingestFiles(store, [dir], opts);
    expect(again).toMatchObject({ added: 0, duplicates: s.added, rejected: 1 });
  });

  it('refuses a record of the other family under --source, and names a missing path', async () => {
    const s = await ingestFiles(store, [join(FIX, 'censoredplanet', 'http_results_v2.json')], {
      ...opts,
      source: 'ooni',
    });
    expect(s.added).toBe(0);
    expect(s.rejectedByReason).toEqual({ 'wrong source': 4 });
    await expect(ingestFiles(store, [join(dir, 'nope.jsonl')], opts)).rejects.toThrow(
      /nope.jsonl: no such file/,
    );
  });
});

describe('ingest with netfreedom rules', () => {
  it('re-judges records stored with older rules, page by page, and leaves none stale', async () => {
    const store = await DuckDbStore.open(':memory:');
    try {
      await ingestFiles(store, [join(FIX, 'ooni')], opts);
      expect(await store.measurements.staleRecords(RULES_VERSION, { limit: 100 })).toHaveLength(5);
      const s = await reanalyze(store.measurements, (m) => analyzeMeasurement(m), RULES_VERSION, {
        pageSize: 2,
      });
      expect(s).toMatchObject({ examined: 5, updated: 5 });
      expect(await store.measurements.staleRecords(RULES_VERSION, { limit: 100 })).toHaveLength(0);
      const ir = (await store.measurements.search({ probeCc: ['IR'] })).items[0]!;
      const rec = await store.measurements.get(ir.uid);
      expect(rec?.analysis).toMatchObject({
        rulesVersion: RULES_VERSION,
        blocking: 'dns',
        outcome: 'confirmed',
      });
      expect(rec?.analysis.fingerprints.map((f) => f.name)).toContain('ooni.ir_10dot10_ipv4_1');
    } finally {
      await store.close();
    }
  });

  it('records which Censored Planet signature matched a Hyperquack blockpage', async () => {
    const store = await DuckDbStore.open(':memory:');
    try {
      const matcher = censoredPlanetMatcher(loadAnalysisContext().fingerprints);
      await ingestFiles(store, [join(FIX, 'censoredplanet')], { ...opts, matchCensoredPlanet: matcher });
      const page = await store.measurements.search({
        testName: ['hyperquack_discard'],
        outcome: ['anomaly', 'confirmed'],
        limit: 50,
      });
      const judged = await Promise.all(page.items.map((i) => store.measurements.get(i.uid)));
      const names = judged.flatMap((r) => r!.analysis.fingerprints.map((f) => f.name));
      expect(names.some((n) => n.startsWith('censoredplanet.'))).toBe(true);
    } finally {
      await store.close();
    }
  });
});

describe('ingest in worker threads', () => {
  it('starts workers by default only for large inputs on machines with three cores or more', () => {
    const big = WORKER_THRESHOLD_BYTES;
    expect([1, 2, 3, 8].map((cores) => defaultWorkerCount(big, cores))).toEqual([0, 0, 2, 7]);
    expect(defaultWorkerCount(big - 1, 8)).toBe(0);
  });

  it('gives the same summary, records, analyses and raw text as converting on this thread', async () => {
    const dir = tempDir();
    const good = JSON.parse(readFileSync(join(FIX, 'ooni', 'report1.json'), 'utf8'));
    const lines = Array.from({ length: 40 }, (_, i) =>
      i % 9 === 4
        ? '{broken'
        : JSON.stringify({
            ...good,
            report_id: `w-${i}`,
            probe_cc: i % 2 ? 'KZ' : 'RU',
            // Every third line is not ASCII: its bytes are stored as read, decoded as UTF-8.
            ...(i % 3 === 0 ? { annotations: { note: `Қазақстан — ${i} 🛰` } } : {}),
          }),
    );
    writeFileSync(join(dir, 'mixed.jsonl'), lines.map((l, i) => l + (i % 2 ? '\r\n' : '\n')).join(''));
    const inputs = [join(FIX, 'ooni'), join(FIX, 'censoredplanet'), join(dir, 'mixed.jsonl')];
    const context = await createConvertContext({ source: 'auto' });
    const stores: DuckDbStore[] = [];
    const summaries = [];
    for (const workers of [0, 2]) {
      const store = await tempStore();
      stores.push(store);
      summaries.push(
        await ingestFiles(store, inputs, {
          ...context,
          batchSize: 7,
          workers: { count: workers, contextModule: INGEST_CONTEXT_MODULE },
        }),
      );
    }
    expect(summaries[1]).toEqual(summaries[0]);
    expect(summaries[0]).toMatchObject({ rejected: 4, rejectedByReason: { 'invalid JSON': 4 } });
    expect(summaries[0]!.errors[0]).toMatch(/mixed\.jsonl:5: invalid JSON/);
    const [here, there] = stores as [DuckDbStore, DuckDbStore];
    const page = await here.measurements.search({ limit: 500, includeSimulated: true });
    expect(page.items.length).toBe(summaries[0]!.added);
    for (const item of page.items) {
      const a = await here.measurements.get(item.uid);
      const b = await there.measurements.get(item.uid);
      expect(b).toEqual(a);
    }
    // The raw text is the line, byte for byte, CRLF or not, ASCII or not.
    const kz = await here.measurements.search({ probeCc: ['KZ'], limit: 500, includeSimulated: true });
    const stored = await Promise.all(kz.items.map((i) => here.measurements.get(i.uid)));
    const raws = new Set(stored.map((r) => JSON.stringify(r!.raw)));
    const kzLines = lines.filter((l) => l.includes('"probe_cc":"KZ"'));
    expect(kzLines.some((l) => l.includes('Қазақстан'))).toBe(true);
    for (const line of kzLines) expect(raws.has(line)).toBe(true);
  });

  it('fails with a clear error when a worker cannot build its context, leaving the store unchanged', async () => {
    const store = await tempStore();
    await expect(
      ingestFiles(store, [join(FIX, 'ooni')], {
        ...opts,
        workers: { count: 1, contextModule: 'file:///nonexistent/context.js' },
      }),
    ).rejects.toThrow(/nonexistent/);
    expect(await store.measurements.count({ includeSimulated: true })).toBe(0);
  });
});

describe('ingest of JSON with comments', () => {
  it('reads a .jsonc measurement whose header lines are // comments, as one record', async () => {
    const dir = tempDir();
    const m = readFileSync(join(FIX, 'ooni', 'report1.json'), 'utf8');
    const file = join(dir, 'sample.jsonc');
    writeFileSync(
      file,
      `// See https://explorer.ooni.org/m/example\n// a second comment\n${JSON.stringify(JSON.parse(m), null, 2)}\n`,
    );
    const store = await tempStore();
    const s = await ingestFiles(store, [file], opts);
    expect(s).toMatchObject({ read: 1, added: 1, rejected: 0 });
    // The same text in a .json file is not JSON, and is reported line by line as before.
    const plain = join(dir, 'sample.json');
    writeFileSync(plain, `// comment\n${JSON.stringify(JSON.parse(m))}\n`);
    const p = await ingestFiles(store, [plain], opts);
    expect(p).toMatchObject({ read: 2, rejected: 1, duplicates: 1 });
  });
});

describe('ingest of text encodings and line ends', () => {
  it('reads files opening with a UTF-8 byte order mark (plain, gzipped, a document) and lines ended by CR alone', async () => {
    const dir = tempDir();
    const m = JSON.parse(readFileSync(join(FIX, 'ooni', 'report1.json'), 'utf8'));
    const good = (id: string) => JSON.stringify({ ...m, report_id: id });
    const bom = '\ufeff';
    writeFileSync(join(dir, 'bom.jsonl'), `${bom}${good('p1')}\n${good('p2')}\n`);
    writeFileSync(join(dir, 'bom.jsonl.gz'), gzipSync(`${bom}${good('g1')}\r\n${good('g2')}\r\n`));
    writeFileSync(join(dir, 'bom-doc.json'), `${bom}${JSON.stringify({ ...m, report_id: 'd1' }, null, 2)}\n`);
    writeFileSync(join(dir, 'cr.jsonl'), `${good('c1')}\r${good('c2')}\r\r${good('c4')}\r{broken\r`);
    const store = await tempStore();
    const s = await ingestFiles(store, [dir], opts);
    expect(s).toMatchObject({ files: 4, read: 9, added: 8, rejected: 1 });
    expect(s.errors).toEqual([expect.stringMatching(/cr\.jsonl:5: invalid JSON/)]);
  });
});

describe('ingest of arrays of records', () => {
  it('keeps the good items of an array line, reports each bad one by line and item, and counts an empty array', async () => {
    const dir = tempDir();
    const m = JSON.parse(readFileSync(join(FIX, 'ooni', 'report1.json'), 'utf8'));
    const good = (id: string) => JSON.stringify({ ...m, report_id: id });
    const file = join(dir, 'arrays.json');
    const lines = [
      good('one'),
      `[${good('a1')},${good('a2')}]`,
      `[${good('b1')},${JSON.stringify({ ...m, measurement_start_time: undefined })},${good('b3')},"x"]`,
      '[]',
      good('last'),
    ];
    writeFileSync(file, lines.join('\n'));
    const store = await tempStore();
    const s = await ingestFiles(store, [file], opts);
    // Every item is a record read: read = added + duplicates + rejected.
    expect(s).toMatchObject({ read: 9, added: 6, duplicates: 0, rejected: 3 });
    expect(s.rejectedByReason).toEqual({ 'missing field': 1, 'wrong type': 1, 'empty array': 1 });
    expect(s.errors).toEqual([
      `${file}:3 (item 2): missing field "measurement_start_time"`,
      `${file}:3 (item 4): a record must be a JSON object`,
      `${file}:4: an empty array holds no measurement`,
    ]);
    expect(await store.measurements.count()).toBe(6);
  });
});

describe('ingest of hostile records', () => {
  it('refuses a deeply nested line or document item by its place and takes the good records around it, with or without a worker', async () => {
    const dir = tempDir();
    const m = JSON.parse(readFileSync(join(FIX, 'ooni', 'report1.json'), 'utf8'));
    const good = (id: string) => JSON.stringify({ ...m, report_id: id });
    // A deep value inside a measurement that would otherwise be stored as read (its probe_ip is already scrubbed).
    const deepValue = JSON.stringify({ ...m, report_id: 'deep', test_keys: { x: 1 } }).replace(
      '{"x":1}',
      `{"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
    );
    const lines = [
      good('a1'),
      good('a2'),
      '['.repeat(3000) + ']'.repeat(3000),
      good('a3'),
      deepValue,
      good('a4'),
    ];
    writeFileSync(join(dir, 'a.jsonl'), lines.join('\n'));
    writeFileSync(join(dir, 'b.jsonl'), good('b1'));
    // A pretty-printed document whose second item is too deep to write back as compact text.
    writeFileSync(join(dir, 'c.json'), `[\n  ${good('c1')},\n  ${deepValue},\n  ${good('c3')}\n]\n`);
    const context = await createConvertContext({ source: 'auto' });
    const summaries = [];
    for (const workers of [0, 1]) {
      const store = await tempStore();
      summaries.push(
        await ingestFiles(store, [dir], {
          ...context,
          workers: { count: workers, contextModule: INGEST_CONTEXT_MODULE },
        }),
      );
      expect(await store.measurements.count()).toBe(7);
    }
    expect(summaries[1]).toEqual(summaries[0]);
    const tooDeep = `JSON nested deeper than ${MAX_JSON_DEPTH} levels`;
    expect(summaries[0]).toEqual({
      files: 3,
      read: 10,
      added: 7,
      duplicates: 0,
      rejected: 3,
      rejectedByReason: { 'too deep': 3 },
      errors: [
        `${join(dir, 'a.jsonl')}:3: ${tooDeep}`,
        `${join(dir, 'a.jsonl')}:5: ${tooDeep}`,
        `${join(dir, 'c.json')}:#2: ${tooDeep}`,
      ],
    });
  });
});
