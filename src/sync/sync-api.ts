/**
 * `sync ooni --source api`: pages through OONI's API (`/api/v1/measurements`) for the countries, tests and days
 * asked, fetches each measurement not held yet (`/api/v1/raw_measurement`) and ingests it with the uid and flags the
 * API gave it. The same state as the S3 source: one object per measurement_uid.
 */
import { IngestRun } from '../ingest/ingest-run.js';
import { isOoniMeasurementUid } from '../model/measurement-id.js';
import { RemoteError } from '../shared/errors.js';
import type { Store } from '../store/store.js';
import type { FetchedObject } from '../store/sync-store.js';
import { type CountryFetches, recordCountrySyncs } from './country-sync.js';
import { politeGet } from './polite-fetch.js';
import { eachConcurrently, emptySyncSummary, type SyncRequest, type SyncSummary } from './sync-summary.js';

export const OONI_API = 'https://api.ooni.io';
/** Results per page of /api/v1/measurements (the API's own default). */
const PAGE = 100;

/** One row of /api/v1/measurements: the fields sync reads. */
interface ListedMeasurement {
  measurement_uid: string;
  probe_cc: string;
  anomaly?: boolean;
  confirmed?: boolean;
  failure?: boolean;
}

/** Syncs the store with OONI's API at `endpoint`; throws a RemoteError when it cannot be reached. */
export async function syncFromApi(
  store: Store,
  endpoint: string,
  request: SyncRequest,
): Promise<SyncSummary> {
  const base = endpoint.replace(/\/+$/, '');
  const summary = emptySyncSummary('api', `api:${base}`, base);
  const perCountry = new Map<string, CountryFetches>(
    request.countries.map((cc) => [cc, { added: 0, objects: 0, bytes: 0 }]),
  );
  const plan: ListedMeasurement[] = [];
  for (const probeCc of request.countries) {
    const held = await store.sync.fetchedObjects(summary.origin, probeCc);
    for (const testName of request.tests) {
      for await (const m of listMeasurements(base, probeCc, testName, request)) {
        summary.listed++;
        if (held.has(m.measurement_uid)) summary.held++;
        else plan.push({ ...m, probe_cc: probeCc });
      }
    }
  }
  const run = await IngestRun.start(store, request.ingest);
  let done = 0;
  try {
    await eachConcurrently(
      plan,
      request.concurrency,
      async (m, stop) => {
        if (request.maxBytes !== undefined && summary.bytes >= request.maxBytes) return stop();
        const fetched = await fetchMeasurement(base, summary.origin, run, m, request, (n) => {
          summary.bytes += n;
        }).catch((err: unknown) => {
          if (!(err instanceof RemoteError)) throw err;
          summary.failed++;
          summary.failures.push(err.message);
          return null;
        });
        done++;
        if (fetched) {
          await store.sync.recordObject(fetched);
          request.onObject?.(fetched);
          summary.fetched++;
          const country = perCountry.get(m.probe_cc)!;
          country.added += fetched.added;
          country.objects++;
          country.bytes += fetched.size;
        }
        request.onProgress?.({
          objectsDone: done,
          objectsTotal: plan.length,
          bytesDone: summary.bytes,
          bytesTotal: 0,
          measurements: run.summary.read,
        });
      },
      request.signal,
    );
  } finally {
    await run.close();
  }
  summary.left = plan.length - done;
  summary.measurements = run.summary;
  await recordCountrySyncs(store, summary, perCountry);
  return summary;
}

/** The API's list for one country and test, page by page (oldest first). */
async function* listMeasurements(
  base: string,
  probeCc: string,
  testName: string,
  request: SyncRequest,
): AsyncGenerator<ListedMeasurement> {
  for (let offset = 0; ; ) {
    const query = new URLSearchParams({
      probe_cc: probeCc,
      test_name: testName,
      since: request.since,
      until: request.until,
      order_by: 'measurement_start_time',
      order: 'asc',
      limit: String(PAGE),
      offset: String(offset),
    });
    const url = `${base}/api/v1/measurements?${query}`;
    const page = (await readJson(url, `listing ${url}`, request)) as {
      results?: unknown;
      metadata?: { next_url?: unknown };
    };
    const results = page.results;
    if (!Array.isArray(results)) throw new RemoteError(`${url}: the answer has no "results" list`);
    for (const r of results) {
      // A row without a uid of OONI's shapes cannot be fetched, nor become a key: reported, not guessed.
      const uid = (r as ListedMeasurement).measurement_uid;
      if (!isOoniMeasurementUid(uid)) throw new RemoteError(`${url}: a result has no valid measurement_uid`);
      yield r as ListedMeasurement;
    }
    offset += results.length;
    // The last page: empty, or short with no next page named (a server may cap pages below the limit asked).
    if (results.length === 0 || (results.length < PAGE && !page.metadata?.next_url)) return;
  }
}

async function readJson(url: string, what: string, request: SyncRequest): Promise<unknown> {
  const answer = await politeGet(url, what, request.fetch);
  const pieces: Buffer[] = [];
  for await (const piece of answer.body) pieces.push(piece);
  try {
    return JSON.parse(Buffer.concat(pieces).toString('utf8'));
  } catch {
    throw new RemoteError(`${what}: the answer is not JSON`);
  }
}

/** Fetches one raw measurement and ingests it as OONI's API wrapper would give it: uid and flags kept. */
async function fetchMeasurement(
  base: string,
  origin: string,
  run: IngestRun,
  m: ListedMeasurement,
  request: SyncRequest,
  onBytes: (n: number) => void,
): Promise<FetchedObject> {
  const url = `${base}/api/v1/raw_measurement?measurement_uid=${encodeURIComponent(m.measurement_uid)}`;
  const answer = await politeGet(url, url, request.fetch);
  const pieces: Buffer[] = [];
  for await (const piece of answer.body) {
    pieces.push(piece);
    onBytes(piece.length);
  }
  const raw = Buffer.concat(pieces).toString('utf8');
  // The verdict flags OONI's API gave it travel as a measurement_meta answer carries them.
  const flags = Object.fromEntries(
    (['anomaly', 'confirmed', 'failure'] as const)
      .filter((k) => typeof m[k] === 'boolean')
      .map((k) => [k, m[k]]),
  );
  const wrapper = {
    measurement_uid: m.measurement_uid,
    ...flags,
    raw_measurement: raw,
  };
  const counts = await run.ingestSource(url, oneItem(url, JSON.stringify(wrapper)));
  return {
    origin,
    key: m.measurement_uid,
    etag: answer.headers.get('etag')?.replace(/^"|"$/g, '') ?? '',
    size: Buffer.byteLength(raw),
    probeCc: m.probe_cc,
    outcome: 'ingested',
    records: counts.read,
    added: counts.added,
    duplicates: counts.duplicates,
    rejected: counts.rejected,
    fetchedAt: new Date().toISOString(),
  };
}

async function* oneItem(fileName: string, text: string) {
  yield { kind: 'items' as const, fileName, items: [{ label: '1', text }] };
}
