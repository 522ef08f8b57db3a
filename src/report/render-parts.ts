/** What the Markdown and HTML renderers share: the sections in order, reference labels, number formats. */
import type { CountryReport, Figure, Ref } from './report-model.js';
import type { ReportTextKey } from './report-text.js';

/** The report's sections in the order: anchor id and heading. */
export const SECTIONS: readonly { id: string; heading: ReportTextKey }[] = [
  { id: 'breakdown', heading: 'h.breakdown' },
  { id: 'history', heading: 'h.history' },
  { id: 'key-developments', heading: 'h.keyDevelopments' },
  { id: 'key-controls', heading: 'h.keyControls' },
  { id: 'events', heading: 'h.events' },
  { id: 'measured', heading: 'h.measured' },
  { id: 'surveys', heading: 'h.surveys' },
  { id: 'recommendations', heading: 'h.recommendations' },
  { id: 'methodology', heading: 'h.methodology' },
  { id: 'sources', heading: 'h.sources' },
  { id: 'snapshots', heading: 'h.snapshots' },
];

/** `1` for source [1], `Q1` for query snapshot Q1. */
export function refLabel(ref: Ref): string {
  return ref.kind === 'source' ? String(ref.n) : `Q${ref.n}`;
}

/** The anchor of a reference in the HTML report. */
export function refAnchor(ref: Ref): string {
  return ref.kind === 'source' ? `source-${ref.n}` : `query-${ref.n}`;
}

/** Unique references of several figures, sources first. */
export function mergeRefs(...lists: (readonly Ref[])[]): Ref[] {
  const out: Ref[] = [];
  for (const r of lists.flat()) if (!out.some((o) => o.kind === r.kind && o.n === r.n)) out.push(r);
  return out.sort((a, b) => (a.kind === b.kind ? a.n - b.n : a.kind === 'source' ? -1 : 1));
}

/** A figure's value as text: integers as they are, shares (0..1) as percentages with one decimal. */
export function formatValue(f: Figure, as: 'count' | 'share' | 'signed' = 'count'): string {
  if (as === 'share') return `${(f.value * 100).toFixed(1)} %`;
  if (as === 'signed') return f.value > 0 ? `+${f.value}` : f.value === 0 ? '±0' : `−${-f.value}`;
  return String(f.value);
}

/** The file name stem of a report (`KZ-2024-en`). */
export function reportStem(r: Pick<CountryReport, 'country' | 'edition' | 'lang'>): string {
  return `${r.country}-${r.edition}-${r.lang}`;
}
