/**
 * The mutation corpus: real OONI measurements, mutated (truncation, byte flips, deep nesting, huge strings, wrong
 * types, duplicate keys, invalid UTF-8, BOMs, CRLF) and mixed with untouched ones in JSON Lines files (some
 * gzipped), go through the real ingest into a real DuckDB store. Good records must all be kept, bad ones reported
 * with their file and line, nothing may crash, and a re-import adds nothing.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ingestFiles } from '../../src/ingest/ingest-files.js';
import { atLeast, none, recordFigures, sized } from '../../testkit/reliability/figures.js';
import { goodSamples, ingestContext } from '../../testkit/reliability/measurement-samples.js';
import { type Expectation, fileBytes, mutate, seededRandom } from '../../testkit/reliability/mutations.js';
import { tempDir, tempStore } from '../helpers/temp.js';

/** Mutants per file, and good lines mixed in among them. */
const MUTANTS_PER_FILE = 40;
const GOOD_PER_FILE = 10;

interface Planted {
  file: string;
  line: number;
  kind: string;
  expect: Expectation;
}

describe('bad input: the OONI mutation corpus', () => {
  it('keeps every good record, reports every bad one by file and line, never crashes', async () => {
    const inputs = sized(2000, 20_000);
    const seed = Number(process.env.NETFREEDOM_FUZZ_SEED ?? 16);
    const rnd = seededRandom(seed);
    const samples = await goodSamples();
    expect(samples.length).toBeGreaterThan(30);
    const dir = tempDir('nf-corpus-');
    const store = await tempStore();
    const ctx = await ingestContext();

    // Files of mutants with good lines among them, in every shape a file can come in.
    const planted: Planted[] = [];
    const goodUids = new Set<string>();
    const files: string[] = [];
    for (let f = 0; planted.length < inputs; f++) {
      const shape = { bom: rnd() < 0.25, crlf: rnd() < 0.25 };
      const gzip = rnd() < 0.25;
      const path = join(dir, `corpus-${f}.jsonl${gzip ? '.gz' : ''}`);
      const lines: Buffer[] = [];
      const order = Array.from({ length: MUTANTS_PER_FILE + GOOD_PER_FILE }, (_, i) => i < GOOD_PER_FILE);
      order.sort(() => rnd() - 0.5);
      for (const good of order) {
        const sample = samples[Math.floor(rnd() * samples.length)]!;
        if (good) {
          lines.push(Buffer.from(sample.line));
          for (const uid of sample.uids) goodUids.add(uid);
          continue;
        }
        const m = mutate(sample.line, rnd);
        lines.push(m.bytes);
        planted.push({ file: path, line: lines.length, kind: m.kind, expect: m.expect });
      }
      const bytes = fileBytes(lines, shape);
      writeFileSync(path, gzip ? gzipSync(bytes) : bytes);
      files.push(path);
    }

    // File by file, so that a crash costs one file and is counted, not the whole run.
    const reported = new Set<string>();
    const crashes: string[] = [];
    let unlocated = 0;
    const ingestAll = async () => {
      let added = 0;
      for (const file of files) {
        try {
          const s = await ingestFiles(store, [file], {
            ...ctx,
            onError: (message) => {
              const where = /^(.*?):(\d+)(?: \(item \d+\))?: /.exec(message);
              if (where && where[1] === file) reported.add(`${where[1]}:${where[2]}`);
              else unlocated++;
            },
          });
          expect(s.read).toBe(s.added + s.duplicates + s.rejected);
          added += s.added;
        } catch (err) {
          crashes.push(`${file}: ${(err as Error).stack?.split('\n').slice(0, 3).join(' | ')}`);
        }
      }
      return added;
    };
    await ingestAll();

    const kept: string[] = [];
    for (const uid of goodUids) if (await store.measurements.get(uid)) kept.push(uid);
    const mustReport = planted.filter((p) => p.expect === 'report');
    const reportedBad = mustReport.filter((p) => reported.has(`${p.file}:${p.line}`));
    const mustKeep = planted.filter((p) => p.expect === 'keep');
    const wronglyRefused = mustKeep.filter((p) => reported.has(`${p.file}:${p.line}`));
    const unreported = mustReport.filter((p) => !reported.has(`${p.file}:${p.line}`));

    reported.clear();
    const addedAgain = await ingestAll();

    const keptShare =
      (100 * (kept.length + mustKeep.length - wronglyRefused.length)) / (goodUids.size + mustKeep.length);
    const reportedShare = (100 * reportedBad.length) / mustReport.length;
    await recordFigures('bad-input-ooni-corpus', [
      atLeast('OONI mutation corpus: inputs tried', planted.length, inputs),
      none('OONI mutation corpus: crashes', crashes.length),
      {
        name: 'OONI mutation corpus: good records kept',
        value: `${keptShare.toFixed(2)} %`,
        goal: '100 %',
        ok: keptShare === 100,
      },
      {
        name: 'OONI mutation corpus: bad records reported with file and line',
        value: `${reportedShare.toFixed(2)} %`,
        goal: '100 %',
        ok: reportedShare === 100 && unlocated === 0,
      },
      none('OONI mutation corpus: rows added by a re-import', addedAgain),
    ]);
    expect(crashes).toEqual([]);
    expect(kept.length).toBe(goodUids.size);
    expect(wronglyRefused.map((p) => `${p.kind} ${p.file}:${p.line}`).slice(0, 10)).toEqual([]);
    expect(unreported.map((p) => `${p.kind} ${p.file}:${p.line}`).slice(0, 10)).toEqual([]);
    expect(unlocated).toBe(0);
    expect(addedAgain).toBe(0);
  }, 600_000);
});
