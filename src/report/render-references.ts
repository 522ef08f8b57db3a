/**
 * The last two sections of every report, in HTML and in Markdown: the numbered sources and the appendix of query
 * snapshots. Both formats say the same of a source (`sourceLine`); each escapes and links it its own way.
 */
import type { Source } from '../model/assessment.js';
import type { Lang } from '../model/language.js';
import { escapeXml as esc, escapeMarkdown as md, safeHttpUrl } from './escape.js';
import { SECTIONS } from './render-parts.js';
import type { NumberedSource, QuerySnapshot } from './report-model.js';
import { htmlTable, markdownTable } from './report-tables.js';
import { reportText } from './report-text.js';

/** The sections printed once for a whole document (after every part of a comparison). */
export const REFERENCE_SECTIONS = ['sources', 'snapshots'];

type Text = ReturnType<typeof reportText>;

/**
 * One source as a reference line: its title (its URL when it has none) linked by `link` when the URL is http(s),
 * then the publisher, the dates known and how it was verified, each escaped by `quote`.
 */
function sourceLine(
  src: Source,
  t: Text,
  quote: (s: string) => string,
  link: (url: string, title: string) => string,
): string {
  const url = safeHttpUrl(src.url);
  const title = quote(src.title === 'unknown' ? src.url : src.title);
  const dates = [
    src.published !== 'unknown' ? `, ${quote(t('source.published', { date: src.published }))}` : '',
    src.accessed !== 'unknown' ? `, ${quote(t('source.accessed', { date: src.accessed }))}` : '',
  ].join('');
  return `${url ? link(url, title) : title} — ${quote(src.publisher)}${dates} (${quote(t(`verification.${src.verification}`))})`;
}

/** What a snapshot's heading line says: when it ran, and whether simulated rows were counted. */
const snapshotRan = (q: QuerySnapshot, t: Text, quote: (s: string) => string) =>
  `${quote(t('snapshot.ran', { time: q.computedAt }))}${q.includesSimulated ? `; ${quote(t('snapshot.simulated'))}` : ''}`;

const trimBase = (options: { baseUrl?: string }) => (options.baseUrl ?? '').replace(/\/+$/, '');

/** The numbered sources and the appendix of query snapshots, as the last two sections of an HTML report. */
export function referencesHtml(
  sources: readonly NumberedSource[],
  snapshots: readonly QuerySnapshot[],
  lang: Lang,
  options: { baseUrl?: string } = {},
): string {
  const t = reportText(lang);
  const base = trimBase(options);
  const link = (path: string, text: string) => `<a href="${esc(base + path)}">${esc(text)}</a>`;
  const none = (key: Parameters<typeof t>[0]) => `<p class="none">${esc(t(key))}</p>`;
  const section = (id: string, content: string) => {
    const heading = SECTIONS.find((x) => x.id === id)!.heading;
    return `<section id="${id}"><h2>${esc(t(heading))}</h2>${content}</section>`;
  };
  const sourceItem = ({ n, source }: NumberedSource) =>
    `<li id="source-${n}" value="${n}">${sourceLine(source, t, esc, (url, title) => `<a href="${esc(url)}">${title}</a>`)}. <span class="url">${esc(source.url)}</span></li>`;
  const snapshot = (q: QuerySnapshot) =>
    `<div class="snapshot" id="query-${q.n}"><h3>Q${q.n}. ${esc(q.label)}</h3><p>${snapshotRan(q, t, esc)}. ${link(q.explorer, t('measured.explorer'))} · ${link(q.api, t('snapshot.api'))}</p><p class="url">${esc(base + q.api)}</p>` +
    (q.figures.length
      ? htmlTable(
          [t('col.figure'), t('col.value')],
          q.figures.map((f) => [esc(f.label), String(f.value)]),
        )
      : none('none.rows')) +
    '</div>';
  return [
    section(
      'sources',
      sources.length ? `<ol class="sources">${sources.map(sourceItem).join('')}</ol>` : none('none.sources'),
    ),
    section('snapshots', snapshots.length ? snapshots.map(snapshot).join('') : none('none.snapshots')),
  ].join('\n');
}

/** The numbered sources and the appendix of query snapshots, as the last two sections of a Markdown report. */
export function referencesMarkdown(
  sources: readonly NumberedSource[],
  snapshots: readonly QuerySnapshot[],
  lang: Lang,
  options: { baseUrl?: string } = {},
): string {
  const t = reportText(lang);
  const base = trimBase(options);
  const link = (path: string, text: string) => `[${md(text)}](<${base}${path}>)`;
  const table = (head: string[], rows: string[][]) => markdownTable(head, rows, t('none.rows'));
  const section = (id: string, content: string) => {
    const heading = SECTIONS.find((x) => x.id === id)!.heading;
    return [`<a id="${id}"></a>`, '', `## ${md(t(heading))}`, '', content, ''].join('\n');
  };
  const sourceItem = ({ n, source }: NumberedSource) =>
    `${n}. ${sourceLine(source, t, md, (url, title) => `[${title}](<${url}>)`)}`;
  const snapshot = (q: QuerySnapshot) =>
    [
      `<a id="query-${q.n}"></a>`,
      '',
      `### Q${q.n}. ${md(q.label)}`,
      '',
      `${snapshotRan(q, t, md)}. ${link(q.explorer, t('measured.explorer'))} · ${link(q.api, t('snapshot.api'))}`,
      '',
      table(
        [t('col.figure'), t('col.value')],
        q.figures.map((f) => [md(f.label), String(f.value)]),
      ),
    ].join('\n');
  return [
    section('sources', sources.length ? sources.map(sourceItem).join('\n') : md(t('none.sources'))),
    section('snapshots', snapshots.length ? snapshots.map(snapshot).join('\n\n') : md(t('none.snapshots'))),
  ].join('\n');
}
