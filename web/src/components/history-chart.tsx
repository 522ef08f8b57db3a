/** Line chart of a country's totals by edition; the legacy scale is drawn as its own chart, never on the same axis. */
import type { HistoryPoint } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';

const W = 640;
const H = 200;
const PAD = { l: 36, r: 24, t: 12, b: 28 };

/** One chart per scale present, each with its own caption and a text alternative. */
export default function HistoryChart({ history }: { history: HistoryPoint[] }) {
  const { t } = useI18n();
  const current = history.filter((p) => p.scale === 'current' && p.total !== null);
  const legacy = history.filter((p) => p.scale === 'legacy' && p.total !== null);
  return (
    <div class="history">
      {current.length > 0 && (
        <ScaleChart points={current} caption={t('country.historyCurrent')} scale="current" />
      )}
      {legacy.length > 0 && (
        <ScaleChart points={legacy} caption={t('country.historyLegacy')} scale="legacy" />
      )}
    </div>
  );
}

function ScaleChart({ points, caption, scale }: { points: HistoryPoint[]; caption: string; scale: string }) {
  const { t, num } = useI18n();
  const first = points[0]!.edition;
  const last = points.at(-1)!.edition;
  const x = (e: number) => PAD.l + ((e - first) / Math.max(1, last - first)) * (W - PAD.l - PAD.r);
  const y = (v: number) => PAD.t + (1 - v / 100) * (H - PAD.t - PAD.b);
  const line = points.map((p, i) => `${i ? 'L' : 'M'}${x(p.edition)},${y(p.total!)}`).join(' ');
  const alt = t('country.historyAlt', {
    list: points.map((p) => `${p.edition}: ${num(p.total)}`).join(', '),
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
        <path d={line} class={`series series-${scale}`} />
        {points.map((p) => (
          <g key={p.edition}>
            <circle cx={x(p.edition)} cy={y(p.total!)} r="4" class={`dot series-${scale}`}>
              <title>{`${p.edition}: ${p.total}`}</title>
            </circle>
            <text x={x(p.edition)} y={H - 8} class="tick" text-anchor="middle">
              {p.edition}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}
