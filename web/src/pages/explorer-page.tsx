/** The measurement explorer: filters, results table, CSV export; all state lives in the URL so a view can be shared. */
import { useState } from 'preact/hooks';
import { OUTCOMES, TECHNIQUES } from '../../../src/model/verdict.js';
import { api, csvUrl, type MeasurementQuery } from '../api/client.js';
import type { MeasurementSummary } from '../api/types.js';
import { TlsConfirmedBadge } from '../components/confirmation-badges.js';
import { SimulatedBadge } from '../components/simulated.js';
import { Await } from '../components/status.js';
import { TableHead } from '../components/table-head.js';
import { TechniqueName, techniqueLabel } from '../components/technique-name.js';
import { useI18n } from '../i18n/i18n.js';
import { Link, type Location, navigate } from '../router.js';
import { useApi } from '../use-api.js';

const TEXT_FILTERS = [
  ['probe_cc', 'explorer.country', 'KZ'],
  ['probe_asn', 'explorer.asn', 'AS9198'],
  ['domain', 'explorer.domain', 'meduza.io'],
  ['category_code', 'explorer.category', 'NEWS'],
] as const;

/** Reads the explorer's filters from the URL. */
export function queryFromUrl(q: URLSearchParams): MeasurementQuery {
  const get = (k: string) => q.get(k) ?? undefined;
  return {
    probe_cc: get('probe_cc'),
    probe_asn: get('probe_asn'),
    domain: get('domain'),
    category_code: get('category_code'),
    outcome: get('outcome'),
    technique: get('technique'),
    since: get('since'),
    until: get('until'),
    include_simulated: q.get('simulated') === '1' || undefined,
  };
}

export function ExplorerPage({ loc }: { loc: Location }) {
  const { t } = useI18n();
  const query = queryFromUrl(loc.query);
  const cursor = loc.query.get('cursor') ?? undefined;
  const key = loc.query.toString();
  const results = useApi(() => api.search({ ...query, cursor, limit: 50 }), key);
  return (
    <section>
      <h1>{t('explorer.title')}</h1>
      <Filters loc={loc} />
      <p>
        <a href={csvUrl('/measurements', { ...query, limit: 1000 })} download>
          {t('common.downloadCsv')}
        </a>
      </p>
      <h2>{t('explorer.results')}</h2>
      <Await state={results}>
        {(page) => (
          <>
            <ResultsTable items={page.items} query={query} loc={loc} />
            {page.next_cursor && (
              <Link href={`/measurements?${withParam(loc.query, 'cursor', page.next_cursor)}`}>
                {t('common.more')}
              </Link>
            )}
          </>
        )}
      </Await>
    </section>
  );
}

/**
 * Shown when nothing real matches `query`: whether simulated measurements would (the bundled KZ demonstration data
 * is simulated, and a newcomer's first search is often that country), with a link to this page including them.
 */
function SimulatedHint({ query, loc }: { query: MeasurementQuery; loc: Location }) {
  const { t } = useI18n();
  const simulated = useApi(
    () => api.search({ ...query, include_simulated: true, limit: 1 }),
    `simulated-hint-${JSON.stringify(query)}`,
  );
  if (simulated.status !== 'ok' || simulated.data.items.length === 0) return null;
  const withSimulated = new URLSearchParams(loc.query);
  withSimulated.delete('cursor');
  withSimulated.set('simulated', '1');
  return (
    <p class="muted simulated-hint">
      {t('explorer.simulatedOnly')}{' '}
      <Link href={`${loc.path}?${withSimulated}`}>{t('explorer.showSimulated')}</Link>
    </p>
  );
}

function withParam(q: URLSearchParams, k: string, v: string): string {
  const next = new URLSearchParams(q);
  next.set(k, v);
  return next.toString();
}

function Filters({ loc }: { loc: Location }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Record<string, string>>(() => Object.fromEntries(loc.query));
  const set = (k: string, v: string) => setDraft((d) => ({ ...d, [k]: v }));
  return (
    <form
      class="filters"
      onSubmit={(e) => {
        e.preventDefault();
        const q = new URLSearchParams();
        for (const [k, v] of Object.entries(draft)) if (v && k !== 'cursor') q.set(k, v.trim());
        navigate(`/measurements?${q}`);
      }}
    >
      {TEXT_FILTERS.map(([k, label, example]) => (
        <label key={k}>
          {t(label)}{' '}
          <input
            name={k}
            value={draft[k] ?? ''}
            placeholder={example}
            onInput={(e) => set(k, (e.target as HTMLInputElement).value)}
          />
        </label>
      ))}
      <label>
        {t('explorer.outcome')}{' '}
        <select
          name="outcome"
          value={draft.outcome ?? ''}
          onChange={(e) => set('outcome', (e.target as HTMLSelectElement).value)}
        >
          <option value="">{t('explorer.any')}</option>
          {OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {t(`outcome.${o}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('explorer.technique')}{' '}
        <select
          name="technique"
          value={draft.technique ?? ''}
          onChange={(e) => set('technique', (e.target as HTMLSelectElement).value)}
        >
          <option value="">{t('explorer.any')}</option>
          {TECHNIQUES.map((o) => (
            <option key={o} value={o}>
              {techniqueLabel(t, o)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('explorer.since')}{' '}
        <input
          type="date"
          name="since"
          value={draft.since ?? ''}
          onInput={(e) => set('since', (e.target as HTMLInputElement).value)}
        />
      </label>
      <label>
        {t('explorer.until')}{' '}
        <input
          type="date"
          name="until"
          value={draft.until ?? ''}
          onInput={(e) => set('until', (e.target as HTMLInputElement).value)}
        />
      </label>
      <label>
        <input
          type="checkbox"
          name="simulated"
          checked={draft.simulated === '1'}
          onChange={(e) => set('simulated', (e.target as HTMLInputElement).checked ? '1' : '')}
        />{' '}
        {t('explorer.simulated')}
      </label>
      <button type="submit">{t('explorer.apply')}</button>
    </form>
  );
}

/**
 * The results table, shared with the domain and network pages. Empty, it says so, and whether simulated
 * measurements would match `query` when it left them out.
 */
export function ResultsTable({
  items,
  query,
  loc,
}: {
  items: MeasurementSummary[];
  query: MeasurementQuery;
  loc: Location;
}) {
  const { t, dateTime, country } = useI18n();
  if (items.length === 0)
    return (
      <>
        <p class="muted">{t('explorer.empty')}</p>
        {!query.include_simulated && <SimulatedHint query={query} loc={loc} />}
      </>
    );
  return (
    <table class="data results">
      <TableHead
        columns={['col.time', 'explorer.country', 'col.network', 'col.input', 'col.outcome', 'col.technique']}
      />
      <tbody>
        {items.map((m) => (
          <tr key={m.measurement_uid} data-outcome={m.outcome} data-uid={m.measurement_uid}>
            <td>
              <Link href={`/m/${encodeURIComponent(m.measurement_uid)}`}>
                {dateTime(m.measurement_start_time)}
              </Link>
            </td>
            <td>{country(m.probe_cc)}</td>
            <td>{m.probe_asn}</td>
            <td class="input">
              <span class="datum">{m.input ?? m.domain ?? '–'}</span> {m.simulated && <SimulatedBadge />}
            </td>
            <td>
              <span class={`badge outcome-${m.outcome}`}>{t(`outcome.${m.outcome}`)}</span>{' '}
              {m.tls_confirmed && <TlsConfirmedBadge />}
            </td>
            <td class="technique">{m.technique ? <TechniqueName code={m.technique} /> : '–'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
