import { describe, expect, it } from 'vitest';
import type { Assessment } from '../model/assessment.js';
import { analystSource } from './analyst-edits.js';
import { compare, compareLatest, history } from './history.js';

function a(
  country: string,
  edition: number,
  total: number | null,
  scale: Assessment['scale'] = 'current',
): Assessment {
  return {
    country,
    edition,
    scale,
    coverageStart: null,
    coverageEnd: null,
    total,
    status: null,
    categories: [{ categoryId: 'A', score: null, computed: false }],
    questions: [],
    keyControls: [],
    totalSources: [analystSource(`https://e.org/${country}/${edition}`, 'unknown')],
    categorySources: [],
    previousEditionTotal: null,
    notes: null,
    restatedInEdition: edition === 2018 && scale === 'current' ? 2019 : null,
    totalVerification: 'unverified',
    categoryVerification: null,
  };
}

describe('history', () => {
  it('orders editions and computes change only within one scale', () => {
    const points = history([
      a('KZ', 2019, 32),
      a('KZ', 2015, 61, 'legacy'),
      a('KZ', 2016, 63, 'legacy'),
      a('KZ', 2018, 38),
      a('KZ', 2020, 30),
    ]);
    expect(points.map((p) => [p.edition, p.scale, p.change])).toEqual([
      [2015, 'legacy', null],
      [2016, 'legacy', 2],
      [2018, 'current', null],
      [2019, 'current', -6],
      [2020, 'current', -2],
    ]);
    expect(points[1]!.sources[0]!.url).toBe('https://e.org/KZ/2016');
  });

  it("passes on how each total is sourced and whether it is a later edition's restatement, for the page to say so", () => {
    const points = history([a('KZ', 2018, 38), a('KZ', 2019, 32)]);
    expect(points.map((p) => [p.edition, p.verification, p.restatedInEdition])).toEqual([
      [2018, 'unverified', 2019],
      [2019, 'unverified', null],
    ]);
  });

  it('has no change after an edition with an unknown total', () => {
    expect(
      history([a('KZ', 2012, null, 'legacy'), a('KZ', 2013, 59, 'legacy')]).map((p) => p.change),
    ).toEqual([null, null]);
  });
});

describe('compare', () => {
  it('ranks freest first with shared ranks for ties, unknown totals unranked and last', () => {
    const rows = compare([
      a('KZ', 2024, 34),
      a('AZ', 2024, 34),
      a('AM', 2024, 74),
      a('CN', 2024, 9),
      a('XX', 2024, null),
    ]);
    expect(rows.map((r) => [r.country, r.rank, r.rankedAmong])).toEqual([
      ['AM', 1, 4],
      ['AZ', 2, 4],
      ['KZ', 2, 4],
      ['CN', 4, 4],
      ['XX', null, 0],
    ]);
  });

  it('ranks legacy-scale scores with lower as freer', () => {
    const rows = compare([a('KZ', 2015, 61, 'legacy'), a('EE', 2015, 7, 'legacy')]);
    expect(rows.map((r) => [r.country, r.rank])).toEqual([
      ['EE', 1],
      ['KZ', 2],
    ]);
  });
});

describe('compareLatest', () => {
  it("takes each country's latest edition, ranked within that edition, newest edition first", () => {
    const all = [
      a('KZ', 2024, 34),
      a('KZ', 2025, 37),
      a('RU', 2025, 17),
      a('EE', 2025, 90),
      a('KG', 2023, 52),
      a('KG', 2024, 48),
      a('UA', 2024, 59),
    ];
    const rows = compareLatest(all, ['KZ', 'KG', 'RU', 'XX']);
    expect(rows.map((r) => [r.country, r.edition, r.rank, r.rankedAmong])).toEqual([
      ['KZ', 2025, 2, 3],
      ['RU', 2025, 3, 3],
      ['KG', 2024, 2, 3],
    ]);
  });
});
