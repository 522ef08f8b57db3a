import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  automatonKey,
  BUNDLED_AUTOMATON_FILE,
  decodeAutomaton,
  encodeAutomaton,
  readAutomatonFile,
  writeAutomatonFile,
} from './automaton-file.js';
import { loadFingerprints, readBundledFingerprints } from './fingerprint-db.js';
import { LiteralIndex } from './literal-index.js';

const dir = mkdtempSync(join(tmpdir(), 'nf-automaton-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every field of the tables, arrays as plain lists, to compare two automata. */
function plain(index: LiteralIndex) {
  return Object.fromEntries(
    Object.entries(index.tables).map(([k, v]) => [
      k,
      ArrayBuffer.isView(v) ? Array.from(v as Int32Array) : v,
    ]),
  );
}

function indexOf(literals: string[]): LiteralIndex {
  const index = new LiteralIndex();
  for (const l of literals) index.add(l);
  return index;
}

const LITERALS = ['Доступ ограничен', 'eais.rkn.gov.ru', 'blocked', 'block', 'ограничен', 'Қол жетімсіз'];
const TEXTS = [
  '<title>Доступ ограничен</title> see http://eais.rkn.gov.ru/',
  'this site is blocked',
  'Сайтқа Қол жетімсіз',
  'nothing to see',
];

describe('automaton files', () => {
  it('give back the very tables compiled, which find what the compiled automaton finds', () => {
    const compiled = indexOf(LITERALS).build();
    const path = join(dir, 'a.bin');
    writeAutomatonFile(path, compiled);
    const tables = readAutomatonFile(path, LITERALS);
    expect(tables).not.toBeNull();
    const read = indexOf(LITERALS).adopt(tables!);
    expect(plain(read)).toEqual(plain(compiled));
    for (const text of TEXTS) expect([...read.scan(text)]).toEqual([...compiled.scan(text)]);
    expect([...read.scan(TEXTS[0]!)].map((id) => LITERALS[id])).toEqual(
      expect.arrayContaining(['Доступ ограничен', 'eais.rkn.gov.ru', 'ограничен']),
    );
  });

  it('are refused when compiled from other literals, or the same in another order', () => {
    const bytes = encodeAutomaton(indexOf(LITERALS).build());
    expect(decodeAutomaton(bytes, [...LITERALS, 'more'])).toBe('compiled from other literals');
    expect(decodeAutomaton(bytes, [...LITERALS].reverse())).toBe('compiled from other literals');
    expect(automatonKey(['ab', 'c'])).not.toBe(automatonKey(['a', 'bc']));
  });

  it('are refused when damaged or cut short, and a missing file is no error', () => {
    const bytes = encodeAutomaton(indexOf(LITERALS).build());
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 3]! ^= 0x40;
    expect(decodeAutomaton(flipped, LITERALS)).toBe('damaged (checksum differs)');
    expect(decodeAutomaton(bytes.subarray(0, bytes.length - 8), LITERALS)).toBe('damaged (checksum differs)');
    expect(decodeAutomaton(bytes.subarray(0, 10), LITERALS)).toBe('truncated header');
    expect(decodeAutomaton(Buffer.from('{"magic":"x"}'), LITERALS)).toBe('truncated header');
    const path = join(dir, 'damaged.bin');
    writeFileSync(path, flipped);
    expect(readAutomatonFile(path, LITERALS)).toBeNull();
    expect(readAutomatonFile(join(dir, 'none.bin'), LITERALS)).toBeNull();
  });

  it('read at an odd offset still give aligned arrays', () => {
    const bytes = encodeAutomaton(indexOf(LITERALS).build());
    const odd = Buffer.alloc(bytes.length + 1).fill(0);
    bytes.copy(odd, 1);
    const tables = decodeAutomaton(odd.subarray(1), LITERALS);
    expect(typeof tables).toBe('object');
  });

  it('make the bundled fingerprints match as when compiled, and the file npm run build wrote is that one', () => {
    const compiled = readBundledFingerprints();
    expect(compiled.automaton).toBe('compiled');
    const path = join(dir, 'bundled.bin');
    writeAutomatonFile(path, compiled.bodyAutomaton);
    const read = readBundledFingerprints((literals) => readAutomatonFile(path, literals));
    expect(read.automaton).toBe('read');
    // Byte for byte the same tables (comparing 9 million entries one by one takes seconds).
    expect(encodeAutomaton(read.bodyAutomaton).equals(encodeAutomaton(compiled.bodyAutomaton))).toBe(true);
    const blockpage =
      '<html><title>Доступ ограничен</title><body>Доступ к информационному ресурсу ограничен <a href="http://eais.rkn.gov.ru/">реестр</a></body></html>';
    expect(read.matchCensoredPlanet(blockpage)).toEqual(compiled.matchCensoredPlanet(blockpage));
    expect(read.matchHttpResponse(blockpage, {}, 'RU')).toEqual(
      compiled.matchHttpResponse(blockpage, {}, 'RU'),
    );
    expect(read.matchCensoredPlanet(blockpage).length).toBeGreaterThan(0);

    // The build's own file (npm test builds first): byte for byte what this source compiles, and in use.
    expect(existsSync(BUNDLED_AUTOMATON_FILE), 'run npm run build').toBe(true);
    expect(readFileSync(BUNDLED_AUTOMATON_FILE).equals(readFileSync(path))).toBe(true);
    expect(loadFingerprints().automaton).toBe('read');
  });
});
