/**
 * A comparison as HTML or Markdown: the title, an at-a-glance table of the parts side by side (every figure with
 * its references), then each part as its own report, then the shared sources and snapshots.
 */
import { type ComparisonReport, comparisonTitle } from './comparison.js';
import { escapeXml as esc, escapeMarkdown } from './escape.js';
import { htmlDocument } from './html-document.js';
import { type HtmlOptions, renderHtml } from './render-html.js';
import { type MarkdownReport, renderMarkdown } from './render-markdown.js';
import { formatValue, refAnchor, refLabel } from './render-parts.js';
import { referencesHtml, referencesMarkdown } from './render-references.js';
import type { CountryReport, Figure, Ref } from './report-model.js';
import { reportTemplate, reportText } from './report-text.js';

type Cell = (p: CountryReport) => { figure: Figure | null; as?: 'count' | 'signed' } | { text: string };

/** The rows of the at-a-glance table. */
function glanceRows(t: ReturnType<typeof reportText>): [string, Cell][] {
  const category =
    (id: string): Cell =>
    (p) => ({ figure: p.categories.find((c) => c.id === id)?.score ?? null });
  return [
    [t('score'), (p) => ({ figure: p.status.total })],
    [t('status'), (p) => ({ text: p.status.status ? t(`status.${p.status.status}`) : '—' })],
    ...['A', 'B', 'C'].map((id): [string, Cell] => [id, category(id)]),
    [t('change', { previous: '…' }), (p) => ({ figure: p.status.change?.value ?? null, as: 'signed' })],
    [t('measured.summary'), (p) => ({ figure: p.measured?.total ?? null })],
    [t('measured.showingBlocking'), (p) => ({ figure: p.measured?.blocked ?? null })],
    [t('col.simulated'), (p) => ({ figure: p.measured?.simulated ?? null })],
  ];
}

const partId = (p: CountryReport) => `part-${p.country}-${p.edition}`;

/** The comparison as one self-contained HTML document. */
export function renderComparisonHtml(c: ComparisonReport, options: Omit<HtmlOptions, 'part'> = {}): string {
  const t = reportText(c.lang);
  const template = reportTemplate(c.lang);
  const base = (options.baseUrl ?? '').replace(/\/+$/, '');
  const refs = (list: readonly Ref[]) =>
    list.length === 0
      ? ''
      : `<sup class="ref">[${list.map((x) => `<a href="#${refAnchor(x)}">${refLabel(x)}</a>`).join(', ')}]</sup>`;
  const code = (s: string | number) => `<code>${esc(String(s))}</code>`;
  const first = c.parts[0]!;
  const title =
    c.kind === 'countries'
      ? template('compare.title', esc, (n) =>
          n === 'countries' ? esc(c.parts.map((p) => p.countryName).join(', ')) : code(first.edition),
        )
      : template('editions.title', esc, (n) =>
          n === 'country'
            ? esc(first.countryName)
            : code(n === 'first' ? first.edition : c.parts.at(-1)!.edition),
        );
  const head = c.parts.map(
    (p) => `<th><a href="#${partId(p)}">${esc(p.countryName)} ${code(p.edition)}</a></th>`,
  );
  const rows = glanceRows(t).map(
    ([label, cell]) =>
      `<tr><th>${esc(label)}</th>${c.parts
        .map((p) => {
          const v = cell(p);
          if ('text' in v) return `<td>${esc(v.text)}</td>`;
          return `<td>${v.figure ? `<span class="fig">${esc(formatValue(v.figure, v.as))}</span>${refs(v.figure.refs)}` : '—'}</td>`;
        })
        .join('')}</tr>`,
  );
  const body = [
    `<header id="title"><p class="subtitle">${esc(t('subtitle'))}</p><h1>${title}</h1>`,
    `<p class="muted">${template('generated', esc, () => `<time datetime="${esc(c.generatedAt)}">${esc(c.generatedAt.slice(0, 16).replace('T', ' '))} UTC</time>`)}</p>`,
    c.missing.length
      ? `<p>${template('compare.missing', esc, () => c.missing.map((e) => code(e)).join(', '))}</p>`
      : '',
    '</header>',
    `<section id="glance"><h2>${esc(t('compare.glance'))}</h2><table><thead><tr><th></th>${head.join('')}</tr></thead><tbody>${rows.join('')}</tbody></table></section>`,
    ...c.parts.map((p) => renderHtml(p, { ...options, part: { id: partId(p) } })),
    referencesHtml(c.sources, c.snapshots, c.lang, options),
  ];
  return htmlDocument(
    comparisonTitle(c, t),
    c.lang,
    `${base}/feeds/${first.country}.atom`,
    `netfreedom: ${first.country}`,
    body.join('\n'),
  );
}

/** The comparison as Markdown, with the charts of every part. */
export function renderComparisonMarkdown(
  c: ComparisonReport,
  options: { baseUrl?: string } = {},
): MarkdownReport {
  const t = reportText(c.lang);
  const template = reportTemplate(c.lang);
  const md = escapeMarkdown;
  const refs = (list: readonly Ref[]) => (list.length ? ` [${list.map(refLabel).join(', ')}]` : '');
  const code = (s: string | number) => `\`${s}\``;
  const first = c.parts[0]!;
  const title =
    c.kind === 'countries'
      ? template('compare.title', md, (n) =>
          n === 'countries' ? md(c.parts.map((p) => p.countryName).join(', ')) : code(first.edition),
        )
      : template('editions.title', md, (n) =>
          n === 'country'
            ? md(first.countryName)
            : code(n === 'first' ? first.edition : c.parts.at(-1)!.edition),
        );
  const out = [`# ${title}`, '', `_${md(t('subtitle'))}_`, ''];
  if (c.missing.length)
    out.push(
      template('compare.missing', md, () => c.missing.map(code).join(', ')),
      '',
    );
  out.push(
    `## ${md(t('compare.glance'))}`,
    '',
    `| | ${c.parts.map((p) => `[${md(p.countryName)} ${code(p.edition)}](#${partId(p)}-title)`).join(' | ')} |`,
    `|---|${c.parts.map(() => '---').join('|')}|`,
    ...glanceRows(t).map(
      ([label, cell]) =>
        `| ${md(label)} | ${c.parts
          .map((p) => {
            const v = cell(p);
            if ('text' in v) return md(v.text);
            return v.figure ? `${formatValue(v.figure, v.as)}${refs(v.figure.refs)}` : '—';
          })
          .join(' | ')} |`,
    ),
    '',
  );
  const files: MarkdownReport['files'] = [];
  for (const p of c.parts) {
    const part = renderMarkdown(p, { ...options, part: { id: partId(p) } });
    out.push(`<a id="${partId(p)}-title"></a>`, '', part.markdown, '');
    files.push(...part.files);
  }
  out.push(referencesMarkdown(c.sources, c.snapshots, c.lang, options));
  return { markdown: `${out.join('\n')}\n`, files };
}
