import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers/temp.js';
import { InvalidDataError } from '../shared/errors.js';
import { DEFAULT_METHODOLOGY_PATH, loadMethodology, parseMethodology } from './methodology-loader.js';

const bundled = () => JSON.parse(readFileSync(DEFAULT_METHODOLOGY_PATH, 'utf8'));

describe('loadMethodology', () => {
  it('loads the bundled FOTN methodology: A 25, B 35, C 40, 21 questions, bands, 9 controls', async () => {
    const m = await loadMethodology();
    expect(m.categories.map((c) => [c.id, c.maxPoints, c.questions.length])).toEqual([
      ['A', 25, 5],
      ['B', 35, 8],
      ['C', 40, 8],
    ]);
    expect(m.categories.flatMap((c) => c.questions).reduce((s, q) => s + q.maxPoints, 0)).toBe(100);
    expect(m.statusBands).toContainEqual({ status: 'Partly Free', min: 40, max: 69 });
    expect(m.legacyStatusBands).toContainEqual({ status: 'Not Free', min: 61, max: 100 });
    expect(m.keyInternetControls).toHaveLength(9);
    expect(m.currentScaleFromEdition).toBe(2019);
  });

  it('refuses question maxima that do not add up to the category maximum', () => {
    const json = bundled();
    json.categories[1].questions[0].maxPoints = 7;
    expect(() => parseMethodology(json, 'm.json')).toThrow(
      /category B: its questions add up to 36 points, but its maximum is 35/,
    );
  });

  it('refuses categories that do not add up to the scale maximum', () => {
    const json = bundled();
    json.categories[0].maxPoints = 26;
    json.categories[0].questions[0].maxPoints = 7;
    expect(() => parseMethodology(json, 'm.json')).toThrow(
      /categories add up to 101 points, but the scale maximum is 100/,
    );
  });

  it('refuses status bands with a gap', () => {
    const json = bundled();
    json.statusBands[1].min = 41;
    expect(() => parseMethodology(json, 'm.json')).toThrow(/statusBands: bands must cover 0..100/);
  });

  it('refuses a duplicate question id and a schema error with its path', () => {
    const dup = bundled();
    dup.categories[0].questions[1].id = 'A1';
    dup.categories[0].questions[1].maxPoints = 3;
    expect(() => parseMethodology(dup, 'm.json')).toThrow(/question A1 appears twice/);
    const bad = bundled();
    bad.categories[2].questions[3].maxPoints = 'four';
    expect(() => parseMethodology(bad, 'm.json')).toThrow(InvalidDataError);
    expect(() => parseMethodology(bad, 'm.json')).toThrow(/m.json: categories.2.questions.3.maxPoints/);
  });

  it('names the file when it is not JSON or missing', async () => {
    const dir = tempDir();
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{"index": ');
    await expect(loadMethodology(file)).rejects.toThrow(`${file}: not valid JSON`);
    await expect(loadMethodology(join(dir, 'none.json'))).rejects.toThrow(/cannot read the methodology file/);
  });
});

describe("the methodology's sources", () => {
  it("cite the primary document, say what of it could be checked, and carry each source's verification", async () => {
    const m = await loadMethodology();
    expect(m.primaryDocument.source).toMatchObject({
      url: 'https://freedomhouse.org/reports/freedom-net/freedom-net-research-methodology',
      title: 'Freedom on the Net Research Methodology',
      verification: 'primary',
    });
    expect(m.primaryDocument.notChecked).toMatch(/question wordings/);
    for (const s of m.sources) {
      expect(s.what.length, JSON.stringify(s)).toBeGreaterThan(0);
      for (const src of s.sources) expect(src.title, src.url).not.toBe('');
    }
    // The C2 quote's only source is an unidentified script: it says so.
    const c2 = m.sources.find((s) => s.what.startsWith('C2'))!;
    expect([c2.sources, c2.verification]).toEqual([[], 'unverified']);
    const a1 = m.sources.find((s) => s.what.startsWith('A1'))!;
    expect(a1.verification).toBe('secondary');
  });
});
