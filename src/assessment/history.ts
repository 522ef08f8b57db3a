/** A country's series across editions, and comparisons and rankings within one edition. */
import type { Assessment, HistoryPoint } from '../model/assessment.js';

/**
 * The series of totals and category scores, oldest first, with the change since the previous edition.
 * A change is only computed between editions on the same scale (legacy and current are never mixed).
 */
export function history(assessments: Assessment[]): HistoryPoint[] {
  const sorted = [...assessments].sort((a, b) => a.edition - b.edition);
  const points: HistoryPoint[] = [];
  let previous: Assessment | null = null;
  for (const a of sorted) {
    const comparable = previous !== null && previous.scale === a.scale && previous.total !== null;
    points.push({
      edition: a.edition,
      scale: a.scale,
      total: a.total,
      status: a.status,
      categories: categoryMap(a),
      change: comparable && a.total !== null ? a.total - previous!.total! : null,
      sources: [
        ...a.totalSources,
        ...a.categorySources.filter((s) => !a.totalSources.some((t) => t.url === s.url)),
      ],
      verification: a.totalVerification,
      restatedInEdition: a.restatedInEdition,
    });
    previous = a;
  }
  return points;
}

export interface ComparisonRow {
  country: string;
  edition: number;
  scale: Assessment['scale'];
  total: number | null;
  status: Assessment['status'];
  categories: Record<string, number | null>;
  /** Rank among the countries present with a total on the same scale (1 = freest); ties share a rank. */
  rank: number | null;
  /** How many countries were ranked. */
  rankedAmong: number;
  /** How the total is sourced (Assessment.totalVerification): a secondary one must be shown as such. */
  verification: Assessment['totalVerification'];
  /** The edition whose restatement the total is (Assessment.restatedInEdition), which a comparison must say. */
  restatedInEdition: Assessment['restatedInEdition'];
}

/** Compares countries for one edition, freest first; countries without a total come last, unranked. */
export function compare(assessments: Assessment[]): ComparisonRow[] {
  const rankable = assessments.filter((a) => a.total !== null);
  // Higher is freer on the current scale, lower on the legacy one.
  const freer = (a: Assessment, b: Assessment) =>
    a.scale === 'legacy' ? a.total! - b.total! : b.total! - a.total!;
  const rows = assessments.map((a) => {
    const peers = rankable.filter((p) => p.scale === a.scale);
    const rank = a.total === null ? null : peers.filter((p) => freer(p, a) < 0).length + 1;
    return {
      country: a.country,
      edition: a.edition,
      scale: a.scale,
      total: a.total,
      status: a.status,
      categories: categoryMap(a),
      rank,
      rankedAmong: a.total === null ? 0 : peers.length,
      verification: a.totalVerification,
      restatedInEdition: a.restatedInEdition,
    };
  });
  return rows.sort(
    (a, b) =>
      (a.rank ?? Number.POSITIVE_INFINITY) - (b.rank ?? Number.POSITIVE_INFINITY) ||
      a.country.localeCompare(b.country),
  );
}

function categoryMap(a: Assessment): Record<string, number | null> {
  return Object.fromEntries(a.categories.map((c) => [c.categoryId, c.score]));
}

/**
 * Each of `countries` at its latest edition, ranked within that edition (a rank across editions would mean
 * nothing): newest edition first, then freest first. Countries without any assessment are left out.
 */
export function compareLatest(assessments: Assessment[], countries: string[]): ComparisonRow[] {
  const latest = new Map<string, number>();
  for (const a of assessments) {
    if (countries.includes(a.country) && a.edition > (latest.get(a.country) ?? 0))
      latest.set(a.country, a.edition);
  }
  const editions = [...new Set(latest.values())].sort((a, b) => b - a);
  return editions.flatMap((edition) =>
    compare(assessments.filter((a) => a.edition === edition)).filter(
      (r) => latest.get(r.country) === edition,
    ),
  );
}
