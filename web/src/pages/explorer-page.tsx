/** The measurement explorer: filters, results table, CSV export; all state lives in the URL so a view can be shared. */
import { api, csvUrl, type MeasurementQuery } from '../api/client.js';
import { ResultsTable } from '../components/results-table.js';
import { Await } from '../components/status.js';
import { useI18n } from '../i18n/i18n.js';
import { Link, type Location } from '../router.js';
import { useApi } from '../use-api.js';
import { ExplorerFilters } from './explorer-filters.js';

/** Reads the explorer's filters from the URL. */
export function queryFromUrl(q: URLSearchParams): MeasurementQuery {
  const get = (k: string) => q.get(k) ?? undefined;
  return {
    probe_cc: get('probe_cc'),
    probe_asn: get('probe_asn'),
    domain: get('domain'),
    category_code: get('category_code'),
    test_name: get('test_name'),
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
      <ExplorerFilters loc={loc} />
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

function withParam(q: URLSearchParams, k: string, v: string): string {
  const next = new URLSearchParams(q);
  next.set(k, v);
  return next.toString();
}
