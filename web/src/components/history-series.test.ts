import { describe, expect, it } from 'vitest';
import { historySeries } from './history-series.js';

const point = (edition: number, scale: 'current' | 'legacy', total: number, extra = {}) => ({
  edition,
  scale,
  total,
  verification: 'primary' as const,
  restated_in_edition: null,
  ...extra,
});
const edition = (e: number, bundled: boolean, covered: 'yes' | 'unverified' | 'unknown' = 'yes') => ({
  edition: e,
  bundled,
  covered,
});

// Kazakhstan as bundled: legacy 2011, 2013–2016, the 2018 restatement and 2019–2025 on the current scale.
const history = [
  point(2011, 'legacy', 55),
  point(2013, 'legacy', 59),
  point(2014, 'legacy', 60),
  point(2015, 'legacy', 61),
  point(2016, 'legacy', 63, { verification: 'secondary' }),
  point(2018, 'current', 38, { restated_in_edition: 2019 }),
  point(2019, 'current', 32),
  point(2020, 'current', 32, { verification: 'secondary' }),
];
const editions = [
  edition(2009, false, 'unknown'),
  edition(2011, true),
  edition(2012, false),
  edition(2013, true),
  edition(2016, true),
  edition(2017, false, 'unverified'),
  edition(2018, true),
  edition(2019, true),
  edition(2020, true),
];

describe("a country's history on one scale", () => {
  it('draws no line across an edition Freedom on the Net published but netfreedom does not bundle', () => {
    const legacy = historySeries(history, editions, 'legacy');
    expect(legacy.points.map((p) => p.edition)).toEqual([2011, 2013, 2014, 2015, 2016]);
    expect(legacy.gaps).toEqual([
      { edition: 2009, covered: 'unknown' },
      { edition: 2012, covered: 'yes' },
      { edition: 2017, covered: 'unverified' },
    ]);
    // 2011 stands alone: 2012 lies between it and 2013.
    expect(legacy.segments.map((s) => s.map((p) => p.edition))).toEqual([[2011], [2013, 2014, 2015, 2016]]);
    expect([legacy.first, legacy.last]).toEqual([2009, 2017]);
  });

  it('keeps the current scale apart, with the restated 2018 and the figures on secondary sources', () => {
    const current = historySeries(history, editions, 'current');
    expect(current.points.map((p) => p.edition)).toEqual([2018, 2019, 2020]);
    expect(current.gaps).toEqual([]);
    expect(current.segments).toHaveLength(1);
    expect(current.points.filter((p) => p.restated_in_edition).map((p) => p.edition)).toEqual([2018]);
    expect(current.points.filter((p) => p.verification !== 'primary').map((p) => p.edition)).toEqual([2020]);
  });

  it('has nothing to draw on a scale without figures', () => {
    expect(historySeries(history.slice(5), editions.slice(6), 'legacy').points).toEqual([]);
  });
});
