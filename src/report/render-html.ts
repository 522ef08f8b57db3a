import { escapeXml as esc } from './escape.js';
import { htmlDocument } from './html-document.js';
import { formatValue, mergeRefs, refAnchor, refLabel, SECTIONS } from './render-parts.js';
import { REFERENCE_SECTIONS, referencesHtml } from './render-references.js';
import { historyChartSvg, surveyChartSvg } from './report-charts.js';
import type { CountRow, CountryReport, Figure, Ref, SourcedText } from './report-model.js';
import { htmlTable } from './report-tables.js';
import { reportTemplate, reportText } from './report-text.js';

export interface HtmlOptions {
  /** Prefix of the explorer and API links (`https://observatory.example`); links stay relative without it. */
  baseUrl?: string;
  /**
   * Render the report as one part of a larger document (a comparison): an `<article>` whose anchors start with
   * `id`, without the sources and snapshots, which the document prints once for all parts.
   */
  part?: { id: string };
}

/** Renders the report as a complete HTML document. */
export function renderHtml(r: CountryReport, options: HtmlOptions = {}): string {
  const t = reportText(r.lang);
  const template = reportTemplate(r.lang);
  /** The sentence `key` escaped, with its placeholders filled by markup. */
  const h = (key: Parameters<typeof t>[0], values: Record<string, string>) =>
    template(
      key,
      esc,
      (name) => values[name] ?? (name === 'level' ? LEVEL : name === 'zero' ? zero : esc(`{${name}}`)),
    );
  const base = (options.baseUrl ?? '').replace(/\/+$/, '');
  const link = (path: string, text: string) => `<a href="${esc(base + path)}">${esc(text)}</a>`;
  const refs = (list: readonly Ref[]) =>
    list.length === 0
      ? ''
      : `<sup class="ref">[${list.map((x) => `<a href="#${refAnchor(x)}">${refLabel(x)}</a>`).join(', ')}]</sup>`;
  const fig = (f: Figure | null, as: 'count' | 'share' | 'signed' = 'count') =>
    f === null ? '—' : `<span class="fig">${esc(formatValue(f, as))}</span>${refs(f.refs)}`;
  const zero = `<span class="fig">0</span>${refs(r.methodology.refs)}`;
  const date = (d: string | null) => (d ? `<time datetime="${esc(d)}">${esc(d)}</time>` : '');
  const range = (a: string | null, b: string | null) => (b ? `${date(a)} – ${date(b)}` : date(a));
  const code = (s: string) => `<code>${esc(s)}</code>`;
  const sourced = (s: SourcedText, tag = 'p') =>
    `<${tag} data-refs="${s.refs.map(refLabel).join(' ')}">${esc(s.text)} ${refs(s.refs)}</${tag}>`;
  const none = (key: Parameters<typeof t>[0]) => `<p class="none">${esc(t(key))}</p>`;
  const status = (s: string | null) => (s ? esc(t(`status.${s}` as Parameters<typeof t>[0])) : '—');

  const part = options.part;
  const anchor = (id: string) => (part ? `${part.id}-${id}` : id);
  const shown = SECTIONS.filter((x) => !part || !REFERENCE_SECTIONS.includes(x.id));
  const body: string[] = [];
  const s = r.status;
  body.push(
    `<header id="${anchor('title')}"><p class="subtitle">${esc(t('subtitle'))}</p>`,
    `<h1>${h('title', { country: esc(r.countryName), edition: code(String(r.edition)) })}</h1>`,
    `<p class="statusline">${
      s.total
        ? `<strong>${fig(s.total)} / <span class="fig">${s.maxTotal}</span>${refs(r.methodology.refs)}</strong> · <strong class="status status-${esc((s.status ?? 'none').replace(' ', '-'))}">${status(s.status)}</strong>${refs(s.statusRefs)}`
        : esc(t('noTotal'))
    }</p>`,
    `<p>${
      s.change
        ? `${h('change', { previous: code(String(s.change.previousEdition)) })}: ${fig(s.change.value, 'signed')} (${fig(s.change.previousTotal)} → ${fig(s.total)})`
        : esc(t('noChange'))
    }</p>`,
    `<p>${esc(t('coverage'))}: ${s.coverageStart ? range(s.coverageStart, s.coverageEnd) : esc(t('noCoverage'))}</p>`,
    s.verification
      ? `<p class="muted">${esc(t('verification', { verification: t(`verification.${s.verification}`) }))}</p>`
      : '',
    `<p class="muted">${h('generated', { time: `<time datetime="${esc(r.generatedAt)}">${esc(r.generatedAt.replace('T', ' ').slice(0, 16))} UTC</time>` })}</p>`,
    '</header>',
  );
  body.push(
    `<nav class="toc"><h2>${esc(t('contents'))}</h2><ol>${shown
      .map((x) => `<li><a href="#${anchor(x.id)}">${esc(t(x.heading))}</a></li>`)
      .join('')}</ol></nav>`,
  );
  const section = (id: string, content: string) => {
    if (!shown.some((x) => x.id === id)) return;
    const heading = SECTIONS.find((x) => x.id === id)!.heading;
    body.push(`<section id="${anchor(id)}"><h2>${esc(t(heading))}</h2>${content}</section>`);
  };

  // Score breakdown.
  section(
    'breakdown',
    (r.categories.length
      ? htmlTable(
          [t('col.category'), t('col.score'), t('col.max')],
          r.categories.map((c) => [
            `${code(c.id)} ${esc(c.name)}`,
            fig(c.score),
            `<span class="fig">${c.max}</span>${refs(r.methodology.refs)}`,
          ]),
        )
      : none('none.breakdown')) +
      `<h3>${esc(t('h.questions'))}</h3>` +
      (r.questions.length
        ? r.questions
            .map(
              (q) =>
                `<div class="question"><h4>${code(q.id)} ${esc(q.text)} — ${fig(q.score)} / <span class="fig">${q.max}</span>${refs(r.methodology.refs)}</h4>` +
                (q.narrative ? sourced(q.narrative) : '') +
                (q.scoreChange ? sourced(q.scoreChange, 'p class="change"') : '') +
                '</div>',
            )
            .join('')
        : none('none.questions')),
  );

  // Score history.
  const chart = historyChartSvg(r.history, t('col.current'), t('chart.converted'));
  const historyRefs = mergeRefs(...r.history.map((h) => h.published.refs));
  section(
    'history',
    chart
      ? `<figure class="chart" data-refs="${historyRefs.map(refLabel).join(' ')}">${chart}<figcaption>${
          r.history.some((x) => x.converted)
            ? h('history.legacyNote', {
                first: code(String(FIRST_EDITION)),
                last: code(String(r.methodology.currentScaleFromEdition - 1)),
                max: fig(r.methodology.maxTotal),
              })
            : ''
        } ${refs(historyRefs)}</figcaption></figure>` +
          htmlTable(
            [t('col.edition'), t('col.published'), t('col.current'), t('col.status')],
            r.history.map((row) => [
              code(String(row.edition)) +
                (row.restatedInEdition
                  ? ` <span class="muted">(${h('history.restated', { edition: code(String(row.restatedInEdition)) })})</span>`
                  : ''),
              `${fig(row.published)}${row.converted ? ' ◇' : ''}`,
              fig(row.current),
              status(row.status),
            ]),
          )
      : none('none.history'),
  );

  section(
    'key-developments',
    r.keyDevelopments.length
      ? `<ul>${r.keyDevelopments
          .map(
            (k) =>
              `<li data-refs="${k.refs.map(refLabel).join(' ')}">${k.start ? `${range(k.start, k.end)}: ` : ''}${esc(k.text)}${
                k.indicators.length ? ` (${k.indicators.map(code).join(', ')})` : ''
              } ${refs(k.refs)}</li>`,
          )
          .join('')}</ul>`
      : none('none.keyDevelopments'),
  );

  section(
    'key-controls',
    r.keyControls.length
      ? htmlTable(
          [t('col.control'), t('col.answer'), t('col.evidence')],
          r.keyControls.map((k) => [
            `${code(k.id)} ${esc(k.label)}`,
            esc(t(`answer.${k.answer}`)),
            (k.evidence ? sourced(k.evidence, 'div') : '') +
              (k.events.length
                ? `<ul>${k.events.map((e) => `<li data-refs="${e.refs.map(refLabel).join(' ')}">${date(e.start)} ${esc(e.title)} ${refs(e.refs)}</li>`).join('')}</ul>`
                : ''),
          ]),
        )
      : none('none.keyControls'),
  );

  section(
    'events',
    r.events.length
      ? `<ol class="timeline">${r.events
          .map(
            (e) =>
              `<li data-refs="${e.refs.map(refLabel).join(' ')}"><p><strong>${range(e.start, e.end)}</strong> ${code(e.type)} <strong>${esc(e.title)}</strong>${
                e.indicators.length ? ` (${e.indicators.map(code).join(', ')})` : ''
              }</p><p>${esc(e.summary)} ${refs(e.refs)}</p></li>`,
          )
          .join('')}</ol>`
      : none('none.events'),
  );

  const ms = r.measured;
  const countTable = (rows: CountRow[], keyHead: string) =>
    rows.length
      ? htmlTable(
          [keyHead, t('col.sites'), t('col.measurements'), t('col.blocked'), t('col.simulated')],
          rows.map((c) => [code(c.key), fig(c.sites), fig(c.measurements), fig(c.blocked), fig(c.simulated)]),
        )
      : none('none.rows');
  section(
    'measured',
    ms
      ? (ms.simulated.value > 0
          ? `<p class="simulated">${h('measured.simulated', { count: fig(ms.simulated), total: fig(ms.total) })}</p>`
          : '') +
          `<p${ms.outsideCoverage ? ' class="outside"' : ''}>${ms.since ? h('measured.window', { since: date(ms.since), until: date(ms.until) }) : esc(t(ms.outsideCoverage ? 'measured.outside' : 'measured.allTime'))}</p>` +
          `<p>${esc(t('measured.summary'))}: ${fig(ms.total)}; ${esc(t('measured.showingBlocking'))}: ${fig(ms.blocked)}; ${esc(t('measured.tlsConfirmed'))}: ${fig(ms.tlsConfirmed)}; ${esc(t('measured.ofWhichSimulated'))}: ${fig(ms.simulated)}. ${link(r.snapshots[0]?.explorer ?? '/measurements', t('measured.explorer'))}</p>` +
          `<h3>${esc(t('h.byCategory'))}</h3>${countTable(ms.byCategory, t('col.category'))}` +
          `<h3>${esc(t('h.byTechnique'))}</h3>${countTable(ms.byTechnique, t('col.techniques'))}` +
          `<h3>${esc(t('h.sites'))}</h3>` +
          (ms.sites.length
            ? // The evidence of each site gets a full-width row under its figures, so that neither is squeezed.
              `<table class="sites"><thead><tr>${[
                t('col.domain'),
                t('col.techniques'),
                t('col.measurements'),
                t('col.blocked'),
                t('col.simulated'),
              ]
                .map((x) => `<th>${esc(x)}</th>`)
                .join('')}</tr></thead>${ms.sites
                .map(
                  (x) =>
                    `<tbody><tr><td>${code(x.domain)}${x.categoryCode ? ` ${code(x.categoryCode)}` : ''}${
                      x.confirmed || x.tlsConfirmed ? ` <strong>${esc(t('col.confirmed'))}</strong>` : ''
                    }</td><td>${x.techniques.map(code).join(' ')}</td><td>${fig(x.measurements)}</td><td>${fig(
                      x.blocked,
                    )}</td><td>${fig(x.simulated)}</td></tr>${
                      x.example
                        ? `<tr><td colspan="5" class="example" data-refs="${x.measurements.refs.map(refLabel).join(' ')}">${x.example.evidence
                            .map((e) => `<p>${esc(e)}</p>`)
                            .join('')}${
                            x.example.pageTitle !== null
                              ? `<p>${esc(t('measured.pageTitle'))}: <q class="untrusted">${esc(x.example.pageTitle)}</q></p>`
                              : ''
                          }<p>${link(`/m/${encodeURIComponent(x.example.uid)}`, t('measured.example'))}</p></td></tr>`
                        : ''
                    }</tbody>`,
                )
                .join('')}</table>`
            : none('none.rows')) +
          `<h3>${esc(t('h.networks'))}</h3>` +
          (ms.networks.length
            ? htmlTable(
                [
                  t('col.network'),
                  t('col.measurements'),
                  t('col.anomalyOrConfirmed'),
                  t('col.confirmed'),
                  t('col.simulated'),
                ],
                ms.networks.map((n) => [
                  code(n.asn),
                  fig(n.measurements),
                  fig(n.blocked),
                  fig(n.confirmed),
                  fig(n.simulated),
                ]),
              )
            : none('none.rows')) +
          `<h3>${esc(t('h.issuers'))}</h3>` +
          (ms.issuers.length
            ? htmlTable(
                [t('col.issuer'), t('col.measurements')],
                ms.issuers.map((i) => [
                  `<q class="untrusted" data-refs="${i.measurements.refs.map(refLabel).join(' ')}">${esc(i.issuer)}</q>`,
                  fig(i.measurements),
                ]),
              )
            : none('measured.noIssuers')) +
          `<h3>${esc(t('h.changes'))}</h3>` +
          (ms.changes.length
            ? htmlTable(
                [t('col.domain'), t('col.network'), t('col.onset'), t('col.end'), t('col.measurements')],
                ms.changes.map((c) => [
                  code(c.domain),
                  code(c.asn),
                  c.onset ? date(c.onset) : esc(t('measured.notSeenStarting')),
                  c.end ? date(c.end) : esc(t('measured.stillBlocked')),
                  `${fig(c.measurements)} ${link(c.explorer, '↗')}`,
                ]),
              )
            : none('measured.noChanges'))
      : none('none.measured'),
  );

  section(
    'surveys',
    r.surveys.length
      ? `<p class="muted">${h('surveys.chart', {})}</p>` +
          r.surveys
            .map(
              (q) =>
                `<div class="survey"><h3 data-refs="${q.refs.map(refLabel).join(' ')}">${esc(q.question)} ${refs(q.refs)}</h3>` +
                `<p>${q.sampleSize ? `${esc(t('surveys.sample'))}: ${fig(q.sampleSize)}` : esc(t('surveys.noMargin'))}</p>` +
                `<figure class="chart" data-refs="${q.refs.map(refLabel).join(' ')}">${surveyChartSvg(q, q.question)}</figure>` +
                htmlTable(
                  [t('col.answerOption'), t('col.share'), { html: h('col.interval', {}) }],
                  q.answers.map((a) => [
                    esc(a.answer),
                    fig(a.share, 'share'),
                    a.low && a.high ? `${fig(a.low, 'share')} – ${fig(a.high, 'share')}` : '—',
                  ]),
                ) +
                '</div>',
            )
            .join('')
      : none('none.surveys'),
  );

  section(
    'recommendations',
    r.recommendations.length
      ? htmlTable(
          [t('col.edition'), t('col.to'), t('col.recommendation'), t('recommendation.status')],
          r.recommendations.map((x) => [
            code(String(x.edition)),
            esc(x.addressees.map((a) => a.replace('_', ' ')).join(', ')),
            sourced(x, 'div'),
            x.status
              ? `<div data-refs="${x.status.refs.map(refLabel).join(' ')}">${esc(t(`status.${x.status.status}`))} (${code(String(x.status.edition))})${x.status.note ? ` ${esc(x.status.note)}` : ''} ${refs(x.status.refs)}</div>`
              : esc(t('recommendation.notAssessed')),
          ]),
        )
      : none('none.recommendations'),
  );

  const mn = r.methodology;
  section(
    'methodology',
    `<p>${h('method.scale', { max: fig(mn.maxTotal) })}</p><ul>${mn.bands
      .map((b) => `<li>${status(b.status)}: ${fig(b.min)}–${fig(b.max)}</li>`)
      .join('')}</ul>` +
      `<p>${h('method.legacy', { edition: code(String(mn.currentScaleFromEdition)) })}</p>` +
      `<p>${esc(t('method.measure'))}</p><p>${esc(t('method.confirmed'))}</p><p>${esc(t('method.provenance'))}</p>`,
  );

  body.push(...(part ? [] : [referencesHtml(r.sources, r.snapshots, r.lang, options)]));
  if (part) return `<article id="${esc(part.id)}" class="part">${body.join('\n')}</article>`;
  return htmlDocument(
    t('title', { country: r.countryName, edition: r.edition }),
    r.lang,
    `${base}/feeds/${r.country}.atom`,
    `netfreedom: ${r.country}`,
    body.join('\n'),
  );
}

/** The first Freedom on the Net edition. */
const FIRST_EDITION = 2011;
/** The surveys' confidence level: a constant of the method (survey-margin.ts), not a figure of the data. */
const LEVEL = '<span class="const">95 %</span>';
