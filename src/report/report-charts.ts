/**
 * The report's charts as SVG text: the score history (current scale, legacy editions converted and drawn hollow)
 * and survey shares with their 95 % intervals as error bars. Every string is escaped; no script, no external file.
 */
import { escapeXml } from './escape.js';
import type { HistoryRow, SurveyItem } from './report-model.js';

const BAND_COLOURS = [
  { min: 70, max: 100, fill: '#e3f1e3' },
  { min: 40, max: 69, fill: '#fbf2d5' },
  { min: 0, max: 39, fill: '#f6dedc' },
];

/** The score history, 2011 (or the first edition) to the last; null without any point. */
export function historyChartSvg(
  history: readonly HistoryRow[],
  title: string,
  legacyLabel: string,
): string | null {
  if (history.length === 0) return null;
  const W = 640;
  const H = 240;
  const left = 40;
  const right = 16;
  const top = 14;
  const bottom = 44;
  const first = Math.min(2011, history[0]!.edition);
  const last = Math.max(history.at(-1)!.edition, first + 1);
  const x = (e: number) => left + ((e - first) / (last - first)) * (W - left - right);
  const y = (v: number) => top + (1 - v / 100) * (H - top - bottom);
  const parts: string[] = [];
  for (const b of BAND_COLOURS)
    parts.push(
      `<rect x="${left}" y="${y(b.max + (b.max === 100 ? 0 : 1))}" width="${W - left - right}" height="${y(b.min) - y(b.max + (b.max === 100 ? 0 : 1))}" fill="${b.fill}"/>`,
    );
  for (const v of [0, 40, 70, 100])
    parts.push(
      `<text class="axis" x="${left - 6}" y="${y(v) + 4}" text-anchor="end">${v}</text>`,
      `<line x1="${left}" x2="${W - right}" y1="${y(v)}" y2="${y(v)}" stroke="#bbb" stroke-width="0.5"/>`,
    );
  for (let e = first; e <= last; e++)
    parts.push(`<text class="axis" x="${x(e)}" y="${H - bottom + 16}" text-anchor="middle">${e}</text>`);
  // A line joins consecutive editions only; a gap (an edition without a figure) stays a gap.
  for (let i = 1; i < history.length; i++) {
    const a = history[i - 1]!;
    const b = history[i]!;
    if (b.edition - a.edition !== 1) continue;
    const dash = a.converted || b.converted ? ' stroke-dasharray="4 3"' : '';
    parts.push(
      `<line x1="${x(a.edition)}" y1="${y(a.current.value)}" x2="${x(b.edition)}" y2="${y(b.current.value)}" stroke="#1f4e79" stroke-width="2"${dash}/>`,
    );
  }
  for (const p of history) {
    const cx = x(p.edition);
    const cy = y(p.current.value);
    const label = `${p.edition}: ${p.current.value}${p.converted ? ` (${legacyLabel}: ${p.published.value})` : ''}`;
    parts.push(
      p.converted
        ? `<path d="M${cx} ${cy - 6}L${cx + 6} ${cy}L${cx} ${cy + 6}L${cx - 6} ${cy}Z" fill="#fff" stroke="#1f4e79" stroke-width="2"><title>${escapeXml(label)}</title></path>`
        : `<circle cx="${cx}" cy="${cy}" r="5" fill="#1f4e79"><title>${escapeXml(label)}</title></circle>`,
    );
  }
  parts.push(
    `<text class="legend" x="${left}" y="${H - 8}">● ${escapeXml(title)}   ◇ ${escapeXml(legacyLabel)}</text>`,
  );
  return svg(W, H, title, parts);
}

/** One survey question's answers: a bar per share and, where a sample size is known, its interval. */
export function surveyChartSvg(survey: SurveyItem, title: string): string {
  const W = 640;
  const rowH = 26;
  const labelW = 260;
  const right = 60;
  const H = 24 + survey.answers.length * rowH + 20;
  const x = (share: number) => labelW + share * (W - labelW - right);
  const parts: string[] = [];
  for (const v of [0, 0.25, 0.5, 0.75, 1])
    parts.push(
      `<line x1="${x(v)}" x2="${x(v)}" y1="16" y2="${H - 20}" stroke="#ccc" stroke-width="0.5"/>`,
      `<text class="axis" x="${x(v)}" y="${H - 6}" text-anchor="middle">${v * 100} %</text>`,
    );
  survey.answers.forEach((a, i) => {
    const cy = 24 + i * rowH + rowH / 2;
    const label = a.answer.length > 40 ? `${a.answer.slice(0, 39)}…` : a.answer;
    parts.push(
      `<text x="${labelW - 8}" y="${cy + 4}" text-anchor="end">${escapeXml(label)}<title>${escapeXml(a.answer)}</title></text>`,
      `<rect x="${labelW}" y="${cy - 8}" width="${x(a.share.value) - labelW}" height="16" fill="#5b8cc0"/>`,
      `<text class="axis" x="${x(a.share.value) + 4}" y="${cy + 4}">${(a.share.value * 100).toFixed(1)} %</text>`,
    );
    if (a.low && a.high)
      parts.push(
        `<g stroke="#222" stroke-width="1.5"><line x1="${x(a.low.value)}" x2="${x(a.high.value)}" y1="${cy}" y2="${cy}"/>` +
          `<line x1="${x(a.low.value)}" x2="${x(a.low.value)}" y1="${cy - 6}" y2="${cy + 6}"/>` +
          `<line x1="${x(a.high.value)}" x2="${x(a.high.value)}" y1="${cy - 6}" y2="${cy + 6}"/></g>`,
      );
  });
  return svg(W, H, title, parts);
}

function svg(w: number, h: number, title: string, parts: string[]): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" ` +
    `font-family="sans-serif" font-size="11"><title>${escapeXml(title)}</title>${parts.join('')}</svg>`
  );
}
