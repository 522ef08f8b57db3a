import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appendMeasurement, readExistingOutput } from './measurement-file.js';

const dir = mkdtempSync(join(tmpdir(), 'netfreedom-mfile-'));
afterEach(() => rmSync(join(dir, 'out.jsonl'), { force: true }));

describe('measurement file (resume)', () => {
  it('lists the inputs already measured and cuts a torn last line', () => {
    const file = join(dir, 'out.jsonl');
    appendMeasurement(file, { input: 'https://a.example/' });
    appendMeasurement(file, { input: 'https://b.example/' });
    writeFileSync(file, `${readFileSync(file, 'utf8')}{"input":"https://c.exa`);
    const existing = readExistingOutput(file);
    expect([...existing.done]).toEqual(['https://a.example/', 'https://b.example/']);
    expect(existing.repaired).toBe(true);
    expect(readFileSync(file, 'utf8').endsWith('}\n')).toBe(true);
  });

  it('treats a missing file as nothing done', () => {
    expect(readExistingOutput(join(dir, 'none.jsonl'))).toEqual({ done: new Set(), repaired: false });
  });
});
