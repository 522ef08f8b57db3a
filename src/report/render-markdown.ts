import { escapeMarkdown as md } from './escape.js';
import { formatValue, mergeRefs, refLabel, reportStem, SECTIONS } from './render-parts.js';
import { REFERENCE_SECTIONS, referencesMarkdown } from './render-references.js';
import { historyChartSvg, surveyChartSvg } from './report-charts.js';
import type { CountRow, CountryReport, Figure, Ref, SourcedText } from './report-model.js';
import { markdownTable } from './report-tables.js';
import { reportTemplate, reportText } from './report-text.js';

export interface MarkdownReport {
  markdown: string;
  /** The chart files the Markdown links to, by name (to be written beside it). */
  files: { name: string; content: string }[];
}

export interface MarkdownOptions {
  baseUrl?: string;
  /** One part of a comparison: anchors start with `id`; the sources and snapshots are printed once, after all parts. */
  part?: { id: string };
}

/** Renders the report as Markdown and its charts. */
export function renderMarkdown(r: CountryReport, options: MarkdownOptions = {}): MarkdownReport {
  const t = reportText(r.lang);
  const template = reportTemplate(r.lang);
  const h = (key: Parameters<typeof t>[0], values: Record<string, string>) =>
    template(
      key,
      md,
      (name) =>
        values[name] ??
        (name === 'level' ? '95 %' : name === 'zero' ? `0 ${refs(r.methodology.refs)}` : `{${name}}`),
    );
  const base = (options.baseUrl ?? '').replace(/\/+$/, '');
  const files: MarkdownReport['files'] = [];
  const part = options.part;
  const anchor = (id: string) => (part ? `${part.id}-${id}` : id);
  const shown = SECTIONS.filter((x) => !part || !REFERENCE_SECTIONS.includes(x.id));
  const stem = reportStem(r);
  const refs = (list: readonly Ref[]) => (list.length ? `[${list.map(refLabel).join(', ')}]` : '');
  const fig = (f: Figure | null, as: 'count' | 'share' | 'signed' = 'count') =>
    f === null ? '—' : `${formatValue(f, as)} ${refs(f.refs)}`;
  // In a table a pipe ends the cell even inside a code span, so it is escaped there too.
  const code = (s: string) => `\`${s.replace(/`/g, "'").replace(/\|/g, '\\|')}\``;
  const date = (d: string | null) => (d ? code(d) : '');
  const range = (a: string | null, b: string | null) => (b ? `${date(a)} – ${date(b)}` : date(a));
  const sourced = (s: SourcedText) => `${md(s.text)} ${refs(s.refs)}`;
  const link = (path: string, text: string) => `[${md(text)}](<${base}${path}>)`;
  const status = (s: string | null) => (s ? t(`status.${s}` as Parameters<typeof t>[0]) : '—');
  const table = (head: string[], rows: string[][]) => markdownTable(head, rows, t('none.rows'));
  const out: string[] = [];
  const s = r.status;
  out.push(
    `# ${h('title', { country: md(r.countryName), edition: code(String(r.edition)) })}`,
    '',
    `_${md(t('subtitle'))}_`,
    '',
    s.total
      ? `**${fig(s.total)} / ${s.maxTotal} ${refs(r.methodology.refs)} · ${status(s.status)}** ${refs(s.statusRefs)}`
      : md(t('noTotal')),
    '',
    s.change
      ? `${h('change', { previous: code(String(s.change.previousEdition)) })}: ${fig(s.change.value, 'signed')} (${fig(s.change.previousTotal)} → ${fig(s.total)})`
      : md(t('noChange')),
    '',
    `${md(t('coverage'))}: ${s.coverageStart ? range(s.coverageStart, s.coverageEnd) : md(t('noCoverage'))}`,
    '',
    s.verification ? md(t('verification', { verification: t(`verification.${s.verification}`) })) : '',
    '',
    `_${h('generated', { time: date(`${r.generatedAt.replace('T', ' ').slice(0, 16)} UTC`) })}_`,
    '',
    `## ${md(t('contents'))}`,
    '',
    ...shown.map((x, i) => `${i + 1}. [${md(t(x.heading))}](#${anchor(x.id)})`),
  );
  const section = (id: string, content: string) => {
    if (!shown.some((x) => x.id === id)) return;
    const heading = SECTIONS.find((x) => x.id === id)!.heading;
    out.push('', `<a id="${anchor(id)}"></a>`, '', `## ${md(t(heading))}`, '', content);
  };

  section(
    'breakdown',
    [
      r.categories.length
        ? table(
            [t('col.category'), t('col.score'), t('col.max')],
            r.categories.map((c) => [
              `${code(c.id)} ${md(c.name)}`,
              fig(c.score),
              `${c.max} ${refs(r.methodology.refs)}`,
            ]),
          )
        : md(t('none.breakdown')),
      '',
      `### ${md(t('h.questions'))}`,
      '',
      r.questions.length
        ? r.questions
            .map((q) =>
              [
                `**${code(q.id)} ${md(q.text)}** — ${fig(q.score)} / ${q.max} ${refs(r.methodology.refs)}`,
                q.narrative ? `\n${sourced(q.narrative)}` : '',
                q.scoreChange ? `\n_${sourced(q.scoreChange)}_` : '',
              ].join('\n'),
            )
            .join('\n\n')
        : md(t('none.questions')),
    ].join('\n'),
  );

  const chart = historyChartSvg(r.history, t('col.current'), t('chart.converted'));
  if (chart) files.push({ name: `${stem}-history.svg`, content: chart });
  const historyRefs = mergeRefs(...r.history.map((x) => x.published.refs));
  section(
    'history',
    chart
      ? [
          `![${md(t('h.history'))}](${stem}-history.svg) ${refs(historyRefs)}`,
          '',
          r.history.some((x) => x.converted)
            ? `_${h('history.legacyNote', {
                first: code('2011'),
                last: code(String(r.methodology.currentScaleFromEdition - 1)),
                max: fig(r.methodology.maxTotal),
              })}_\n`
            : '',
          table(
            [t('col.edition'), t('col.published'), t('col.current'), t('col.status')],
            r.history.map((row) => [
              code(String(row.edition)) +
                (row.restatedInEdition
                  ? ` (${h('history.restated', { edition: code(String(row.restatedInEdition)) })})`
                  : ''),
              `${fig(row.published)}${row.converted ? ' ◇' : ''}`,
              fig(row.current),
              status(row.status),
            ]),
          ),
        ].join('\n')
      : md(t('none.history')),
  );

  section(
    'key-developments',
    r.keyDevelopments.length
      ? r.keyDevelopments
          .map(
            (k) =>
              `- ${k.start ? `${range(k.start, k.end)}: ` : ''}${md(k.text)}${k.indicators.length ? ` (${k.indicators.map(code).join(', ')})` : ''} ${refs(k.refs)}`,
          )
          .join('\n')
      : md(t('none.keyDevelopments')),
  );

  section(
    'key-controls',
    r.keyControls.length
      ? table(
          [t('col.control'), t('col.answer'), t('col.evidence')],
          r.keyControls.map((k) => [
            `${code(k.id)} ${md(k.label)}`,
            t(`answer.${k.answer}`),
            [
              k.evidence ? sourced(k.evidence) : '',
              ...k.events.map((e) => `${date(e.start)} ${md(e.title)} ${refs(e.refs)}`),
            ]
              .filter(Boolean)
              .join('<br>'),
          ]),
        )
      : md(t('none.keyControls')),
  );

  section(
    'events',
    r.events.length
      ? r.events
          .map(
            (e) =>
              `- **${range(e.start, e.end)}** ${code(e.type)} **${md(e.title)}**${e.indicators.length ? ` (${e.indicators.map(code).join(', ')})` : ''}: ${md(e.summary)} ${refs(e.refs)}`,
          )
          .join('\n')
      : md(t('none.events')),
  );

  const ms = r.measured;
  const countTable = (rows: CountRow[], keyHead: string) =>
    table(
      [keyHead, t('col.sites'), t('col.measurements'), t('col.blocked'), t('col.simulated')],
      rows.map((c) => [code(c.key), fig(c.sites), fig(c.measurements), fig(c.blocked), fig(c.simulated)]),
    );
  section(
    'measured',
    ms
      ? [
          ms.simulated.value > 0
            ? `> **${h('measured.simulated', { count: fig(ms.simulated), total: fig(ms.total) })}**\n`
            : '',
          ms.since
            ? h('measured.window', { since: date(ms.since), until: date(ms.until) })
            : ms.outsideCoverage
              ? `**${md(t('measured.outside'))}**`
              : md(t('measured.allTime')),
          '',
          `${md(t('measured.summary'))}: ${fig(ms.total)}; ${md(t('measured.showingBlocking'))}: ${fig(ms.blocked)}; ${md(t('measured.tlsConfirmed'))}: ${fig(ms.tlsConfirmed)}; ${md(t('measured.ofWhichSimulated'))}: ${fig(ms.simulated)}. ${link(r.snapshots[0]?.explorer ?? '/measurements', t('measured.explorer'))}`,
          '',
          `### ${md(t('h.byCategory'))}`,
          '',
          countTable(ms.byCategory, t('col.category')),
          '',
          `### ${md(t('h.byTechnique'))}`,
          '',
          countTable(ms.byTechnique, t('col.techniques')),
          '',
          `### ${md(t('h.sites'))}`,
          '',
          table(
            [
              t('col.domain'),
              t('col.techniques'),
              t('col.measurements'),
              t('col.blocked'),
              t('col.simulated'),
              t('col.evidence'),
            ],
            ms.sites.map((x) => [
              `${code(x.domain)}${x.categoryCode ? ` ${code(x.categoryCode)}` : ''}${x.confirmed || x.tlsConfirmed ? ` **${md(t('col.confirmed'))}**` : ''}`,
              x.techniques.map(code).join(' '),
              fig(x.measurements),
              fig(x.blocked),
              fig(x.simulated),
              x.example
                ? `${[
                    ...x.example.evidence.map(md),
                    ...(x.example.pageTitle !== null
                      ? [`${md(t('measured.pageTitle'))}: «${md(x.example.pageTitle)}»`]
                      : []),
                    link(`/m/${encodeURIComponent(x.example.uid)}`, t('measured.example')),
                  ].join('<br>')} ${refs(x.measurements.refs)}`
                : '',
            ]),
          ),
          '',
          `### ${md(t('h.networks'))}`,
          '',
          table(
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
          ),
          '',
          `### ${md(t('h.issuers'))}`,
          '',
          ms.issuers.length
            ? table(
                [t('col.issuer'), t('col.measurements')],
                ms.issuers.map((i) => [`${md(i.issuer)} ${refs(i.measurements.refs)}`, fig(i.measurements)]),
              )
            : md(t('measured.noIssuers')),
          '',
          `### ${md(t('h.changes'))}`,
          '',
          ms.changes.length
            ? table(
                [t('col.domain'), t('col.network'), t('col.onset'), t('col.end'), t('col.measurements')],
                ms.changes.map((c) => [
                  code(c.domain),
                  code(c.asn),
                  c.onset ? date(c.onset) : md(t('measured.notSeenStarting')),
                  c.end ? date(c.end) : md(t('measured.stillBlocked')),
                  `${fig(c.measurements)} ${link(c.explorer, '↗')}`,
                ]),
              )
            : md(t('measured.noChanges')),
        ].join('\n')
      : md(t('none.measured')),
  );

  section(
    'surveys',
    r.surveys.length
      ? [
          `_${h('surveys.chart', {})}_`,
          '',
          ...r.surveys.map((q, i) => {
            const name = `${stem}-survey-${i + 1}.svg`;
            files.push({ name, content: surveyChartSvg(q, q.question) });
            return [
              `### ${md(q.question)} ${refs(q.refs)}`,
              '',
              q.sampleSize ? `${md(t('surveys.sample'))}: ${fig(q.sampleSize)}` : md(t('surveys.noMargin')),
              '',
              `![${md(q.question)}](${name}) ${refs(q.refs)}`,
              '',
              table(
                [t('col.answerOption'), t('col.share'), t('col.interval')],
                q.answers.map((a) => [
                  md(a.answer),
                  fig(a.share, 'share'),
                  a.low && a.high ? `${fig(a.low, 'share')} – ${fig(a.high, 'share')}` : '—',
                ]),
              ),
              '',
            ].join('\n');
          }),
        ].join('\n')
      : md(t('none.surveys')),
  );

  section(
    'recommendations',
    r.recommendations.length
      ? table(
          [t('col.edition'), t('col.to'), t('col.recommendation'), t('recommendation.status')],
          r.recommendations.map((x) => [
            code(String(x.edition)),
            md(x.addressees.map((a) => a.replace('_', ' ')).join(', ')),
            sourced(x),
            x.status
              ? `${t(`status.${x.status.status}`)} (${code(String(x.status.edition))})${x.status.note ? ` ${md(x.status.note)}` : ''} ${refs(x.status.refs)}`
              : md(t('recommendation.notAssessed')),
          ]),
        )
      : md(t('none.recommendations')),
  );

  const mn = r.methodology;
  section(
    'methodology',
    [
      h('method.scale', { max: fig(mn.maxTotal) }),
      '',
      ...mn.bands.map((b) => `- ${status(b.status)}: ${fig(b.min)}–${fig(b.max)}`),
      '',
      h('method.legacy', { edition: code(String(mn.currentScaleFromEdition)) }),
      '',
      md(t('method.measure')),
      '',
      md(t('method.confirmed')),
      '',
      md(t('method.provenance')),
    ].join('\n'),
  );

  if (!options.part) out.push('', referencesMarkdown(r.sources, r.snapshots, r.lang, options));
  return { markdown: `${out.join('\n')}\n`, files };
}
