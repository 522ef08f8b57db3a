/**
 * One scale of a country's history as a chart draws it: the bundled figures, the editions Freedom on the Net published
 * that netfreedom does not bundle (gaps, never bridged by the line), and the runs of figures a line may join.
 */
import type { Country, HistoryPoint } from '../api/types.js';

/** The first edition published on the current scale; the editions before it used the legacy scale. */
const FIRST_CURRENT_EDITION = 2019;

type Point = Pick<HistoryPoint, 'edition' | 'scale' | 'total' | 'verification' | 'restated_in_edition'>;
type Edition = Pick<Country['editions'][number], 'edition' | 'bundled' | 'covered'>;

/** An edition without a bundled figure, and whether it is known to have covered the country. */
export interface HistoryGap {
  edition: number;
  covered: Edition['covered'];
}

export interface HistorySeries<P extends Point> {
  points: P[];
  gaps: HistoryGap[];
  /** Consecutive figures with no unbundled edition between them: each is drawn as one line. */
  segments: P[][];
  /** The editions the axis spans, gaps included. */
  first: number;
  last: number;
}

/** The figures of `history` on `scale`, with the unbundled `editions` that fall on it. */
export function historySeries<P extends Point>(
  history: P[],
  editions: Edition[],
  scale: 'current' | 'legacy',
): HistorySeries<P> {
  const points = history
    .filter((p) => p.scale === scale && p.total !== null)
    .sort((a, b) => a.edition - b.edition);
  // An edition without a figure is placed on the scale it was published on (a restated figure is bundled, no gap).
  const gaps = editions
    .filter((e) => !e.bundled && e.edition >= FIRST_CURRENT_EDITION === (scale === 'current'))
    .map((e) => ({ edition: e.edition, covered: e.covered }))
    .sort((a, b) => a.edition - b.edition);
  const segments: P[][] = [];
  for (const p of points) {
    const run = segments.at(-1);
    const previous = run?.at(-1);
    if (run && previous && !gaps.some((g) => g.edition > previous.edition && g.edition < p.edition))
      run.push(p);
    else segments.push([p]);
  }
  const years = [...points.map((p) => p.edition), ...gaps.map((g) => g.edition)];
  return {
    points,
    gaps: points.length > 0 ? gaps : [],
    segments,
    first: Math.min(...years),
    last: Math.max(...years),
  };
}
