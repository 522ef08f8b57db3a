import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  appendLine,
  measurementHash,
  openOutput,
  readExistingOutput,
  resumeKey,
} from './measurement-file.js';

const dir = mkdtempSync(join(tmpdir(), 'netfreedom-mfile-'));
afterEach(() => rmSync(join(dir, 'out.jsonl'), { force: true }));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('measurement file (resume)', () => {
  it('lists the (test, input) pairs already measured and cuts a torn last line', () => {
    const file = join(dir, 'out.jsonl');
    appendLine(file, JSON.stringify({ input: 'https://a.example/' }));
    appendLine(file, JSON.stringify({ test_name: 'web_connectivity', input: 'https://b.example/' }));
    appendLine(file, JSON.stringify({ test_name: 'telegram', input: null }));
    writeFileSync(file, `${readFileSync(file, 'utf8')}{"input":"https://c.exa`);
    const existing = readExistingOutput(file);
    expect([...existing.done]).toEqual([
      resumeKey('web_connectivity', 'https://a.example/'),
      resumeKey('web_connectivity', 'https://b.example/'),
      resumeKey('telegram', null),
    ]);
    expect(existing.lineHashes.has(measurementHash('{"test_name":"telegram","input":null}'))).toBe(true);
    expect(existing.repaired).toBe(true);
    expect(readFileSync(file, 'utf8').endsWith('}\n')).toBe(true);
  });

  it('treats a missing file as nothing done', () => {
    expect(readExistingOutput(join(dir, 'none.jsonl'))).toEqual({
      done: new Set(),
      lineHashes: new Set(),
      repaired: false,
    });
  });

  it('appends through a file held open, after what the file held, each line whole', () => {
    const file = join(dir, 'out.jsonl');
    appendLine(file, JSON.stringify({ input: 'https://a.example/' }));
    const out = openOutput(file);
    out.append(JSON.stringify({ input: 'https://b.example/' }));
    appendLine(file, JSON.stringify({ input: 'https://c.example/' })); // another writer meanwhile (the queue's repair)
    out.append(JSON.stringify({ input: 'https://d.example/' }));
    out.close();
    out.close();
    expect(readFileSync(file, 'utf8').split('\n')).toEqual([
      '{"input":"https://a.example/"}',
      '{"input":"https://b.example/"}',
      '{"input":"https://c.example/"}',
      '{"input":"https://d.example/"}',
      '',
    ]);
  });
});
