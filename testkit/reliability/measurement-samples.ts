/** The real OONI measurements the bad-input corpus starts from: every bundled sample that ingests as it is, one line each. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createConvertContext } from '../../src/cli/ingest-context.js';
import type { ConvertContext } from '../../src/ingest/record-fields.js';
import { convertText } from '../../src/ingest/to-records.js';
import { dataPath } from '../../src/shared/paths.js';

/** Folders of real measurements (copies of OONI's repositories' test data, see data/ooni/measurements/SOURCE.md). */
const SAMPLE_DIRS = [
  ['ooni', 'measurements', 'ooni-backend', 'fastpath-tests-data'],
  ['ooni', 'measurements', 'ooni-explorer', 'e2e-fixtures', 'measurement_meta'],
];

/** A good sample: its compact JSON line, where it came from, and the uids ingest gives it. */
export interface GoodSample {
  file: string;
  line: string;
  uids: string[];
}

/** The ingest's own context (current rules, signatures, categories), as `netfreedom ingest` builds it. */
export async function ingestContext(): Promise<Omit<ConvertContext, 'fileName'>> {
  return createConvertContext({ source: 'auto' });
}

/** Every sample that converts without a refusal, compacted to one line. */
export async function goodSamples(): Promise<GoodSample[]> {
  const ctx = { ...(await ingestContext()), fileName: 'sample.jsonl' };
  const out: GoodSample[] = [];
  for (const parts of SAMPLE_DIRS) {
    const dir = dataPath(...parts);
    for (const name of readdirSync(dir)
      .filter((n) => n.endsWith('.json'))
      .sort()) {
      let doc: unknown;
      try {
        doc = JSON.parse(readFileSync(join(dir, name), 'utf8'));
      } catch {
        continue;
      }
      if (!doc || typeof doc !== 'object' || Array.isArray(doc)) continue;
      const line = JSON.stringify(doc);
      try {
        const { records, refused } = convertText(line, ctx);
        if (refused.length === 0 && records.length > 0)
          out.push({ file: name, line, uids: records.map((r) => r.uid) });
      } catch {
        // Not a measurement (a detector's query): the corpus starts from good records only.
      }
    }
  }
  return out;
}
