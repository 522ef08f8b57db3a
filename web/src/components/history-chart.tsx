/**
 * A country's totals by edition, one chart per scale (never on the same axis, nothing converted). Each figure is
 * labelled, and marked when it is a restatement or rests on a secondary source; editions Freedom on the Net published
 * but netfreedom does not bundle are gaps the line does not cross; notes under each chart say what the marks mean.
 */
import type { Country, HistoryPoint } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { type HistoryGap, type HistorySeries, historySeries } from './history-series.js';

const W = 640;
const H = 210;
const PAD = { l: 36, r: 24, t: 22, b: 28 };

/** One chart per scale present, each with its own caption, notes and a text alternative. */
export default function HistoryChart({
  history,
  editions,
}: {
  history: HistoryPoint[];
  editions: Country['editions'];
}) {
  const { t } = useI18n();
  const current = historySeries(history, editions, 'current');
  const legacy = historySeries(history, editions, 'legacy');
  return (
    <div class="history">
      {current.points.length > 0 && (
        <ScaleChart series={current} caption={t('country.historyCurrent')} scale="current" />
      )}
      {legacy.points.length > 0 && (
        <ScaleChart series={legacy} caption={t('country.historyLegacy')} scale="legacy" />
      )}
    </div>
  );
}

/** The mark beside a figure: * a restatement, † a secondary source, ‡ an unverified one. */
function marks(p: HistoryPoint): string {
  return `${p.restated_in_edition ? '*' : ''}${p.verification === 'secondary' ? '†' : p.verification === 'unverified' ? '‡' : ''}`;
}

function ScaleChart({
  series,
  caption,
  scale,
}: {
  series: HistorySeries<HistoryPoint>;
  caption: string;
  scale: 'current' | 'legacy';
}) {
  const { t, num } = useI18n();
  const { points, gaps, segments, first, last } = series;
  // Each edition gets a slot of its own, the first and last ones too: a gap column never covers the axis.
  const step = (W - PAD.l - PAD.r) / (last - first + 1);
  const x = (e: number) => PAD.l + (e - first + 0.5) * step;
  const y = (v: number) => PAD.t + (1 - v / 100) * (H - PAD.t - PAD.b);
  const yearLabel = (g: HistoryGap) => (g.covered === 'yes' ? String(g.edition) : `${g.edition}?`);
  const alt = t('country.historyAlt', {
    list: [
      ...points.map((p) => `${p.edition}: ${num(p.total)}${marks(p)}`),
      ...gaps.map((g) => `${yearLabel(g)}: ${t('history.gap')}`),
    ].join(', '),
  });
  return (
    <figure class={`chart history-${scale}`}>
      <figcaption>{caption}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={alt}>
        {[0, 25, 50, 75, 100].map((v) => (
          <g key={v}>
            <line x1={PAD.l} x2={W - PAD.r} y1={y(v)} y2={y(v)} class="grid" />
            <text x={PAD.l - 6} y={y(v) + 4} class="tick" text-anchor="end">
              {num(v)}
            </text>
          </g>
        ))}
        {gaps.map((g) => (
          <g key={g.edition} data-gap={g.edition}>
            <title>{`${yearLabel(g)}: ${t('history.gap')}`}</title>
            <rect
              x={x(g.edition) - Math.min(step - 4, 40) / 2}
              width={Math.min(step - 4, 40)}
              y={y(100)}
              height={y(0) - y(100)}
              class="history-gap"
            />
            <text x={x(g.edition)} y={H - 8} class="tick" text-anchor="middle">
              {yearLabel(g)}
            </text>
          </g>
        ))}
        {segments
          .filter((s) => s.length > 1)
          .map((s) => (
            <path
              key={s[0]!.edition}
              d={s.map((p, i) => `${i ? 'L' : 'M'}${x(p.edition)},${y(p.total!)}`).join(' ')}
              class={`series series-${scale}`}
              data-from={s[0]!.edition}
              data-to={s.at(-1)!.edition}
            />
          ))}
        {points.map((p) => (
          <g
            key={p.edition}
            data-edition={p.edition}
            data-restated={p.restated_in_edition ?? undefined}
            data-verification={p.verification}
          >
            <circle
              cx={x(p.edition)}
              cy={y(p.total!)}
              r="4"
              class={`dot series-${scale}${p.restated_in_edition ? ' restated' : ''}`}
            >
              <title>{`${p.edition}: ${num(p.total)}${marks(p)}`}</title>
            </circle>
            <text x={x(p.edition)} y={y(p.total!) - 9} class="value" text-anchor="middle">
              {`${num(p.total)}${marks(p)}`}
            </text>
            <text x={x(p.edition)} y={H - 8} class="tick" text-anchor="middle">
              {p.edition}
            </text>
          </g>
        ))}
      </svg>
      <HistoryNotes series={series} />
    </figure>
  );
}

/** What the chart leaves out and what its marks mean, in words under it. */
function HistoryNotes({ series }: { series: HistorySeries<HistoryPoint> }) {
  const { t } = useI18n();
  const missing = series.gaps.filter((g) => g.covered !== 'unknown');
  const unknown = series.gaps.filter((g) => g.covered === 'unknown');
  const restated = series.points.filter((p) => p.restated_in_edition);
  const secondary = series.points.filter((p) => p.verification === 'secondary');
  const unverified = series.points.filter((p) => p.verification === 'unverified');
  const editions = (ps: { edition: number }[]) => ps.map((p) => p.edition).join(', ');
  const notes = [
    missing.length > 0 &&
      t('history.notBundled', {
        list: missing
          .map((g) =>
            g.covered === 'yes' ? String(g.edition) : t('history.coverageUnverified', { edition: g.edition }),
          )
          .join(', '),
      }),
    unknown.length > 0 && t('history.coverageUnknown', { list: editions(unknown) }),
    ...restated.map(
      (p) =>
        `* ${p.edition}: ${t('figure.restated', { edition: p.edition, restated: p.restated_in_edition! })}.`,
    ),
    secondary.length > 0 && `† ${editions(secondary)}: ${t('history.secondary')}`,
    unverified.length > 0 && `‡ ${editions(unverified)}: ${t('history.unverified')}`,
  ].filter((n): n is string => Boolean(n));
  if (notes.length === 0) return null;
  return (
    <ul class="history-notes muted">
      {notes.map((n) => (
        <li key={n}>{n}</li>
      ))}
    </ul>
  );
}
