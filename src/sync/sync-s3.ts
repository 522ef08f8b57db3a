/**
 * `sync ooni --source s3`: lists OONI's archive for the countries, tests and days asked, fetches the objects the
 * store does not hold yet (or whose ETag changed), streams each through the ingest pipeline, and records each one
 * in the store once its records are committed, so that a rerun (or a run after a crash) fetches only what is missing.
 */
import { IngestRun, type SourceCounts } from '../ingest/ingest-run.js';
import { RemoteError } from '../shared/errors.js';
import type { Store } from '../store/store.js';
import type { FetchedObject } from '../store/sync-store.js';
import { recordCountrySyncs } from './country-sync.js';
import { objectJobs } from './object-stream.js';
import { archivePrefixes, isMeasurementKey } from './ooni-s3-layout.js';
import { S3Archive, type S3Location, type S3Object } from './s3-archive.js';
import { eachConcurrently, emptySyncSummary, type SyncRequest, type SyncSummary } from './sync-summary.js';

interface PlannedObject extends S3Object {
  probeCc: string;
  /** The record of an earlier fetch with another ETag, if any. */
  earlier: FetchedObject | undefined;
}

/** Syncs the store with an S3 archive in OONI's layout; throws a RemoteError when the archive cannot be listed. */
export async function syncFromS3(
  store: Store,
  location: S3Location,
  request: SyncRequest,
): Promise<SyncSummary> {
  const archive = new S3Archive(location, request.fetch);
  const summary = emptySyncSummary('s3', archive.origin, archive.baseUrl);
  const plan = await planFetches(store, archive, request, summary);
  const bytesTotal = plan.reduce((n, o) => n + o.size, 0);
  const perCountry = new Map<string, { added: number; objects: number; bytes: number }>(
    request.countries.map((cc) => [cc, { added: 0, objects: 0, bytes: 0 }]),
  );
  let bytesStarted = 0;
  let objectsDone = 0;
  const run = await IngestRun.start(store, request.ingest);
  const progress = () =>
    request.onProgress?.({
      objectsDone,
      objectsTotal: plan.length,
      bytesDone: summary.bytes,
      bytesTotal,
      measurements: run.summary.read,
    });
  try {
    await eachConcurrently(
      plan,
      request.concurrency,
      async (object, stop) => {
        if (request.maxBytes !== undefined && bytesStarted + object.size > request.maxBytes) {
          stop();
          return;
        }
        bytesStarted += object.size;
        const fetched = await fetchObject(archive, run, object, request, (n) => {
          summary.bytes += n;
          progress();
        }).catch((err: unknown) => {
          if (!(err instanceof RemoteError)) throw err;
          summary.failed++;
          summary.failures.push(err.message);
          return null;
        });
        objectsDone++;
        if (!fetched) return progress();
        // Recorded only now, after its records are committed: a run killed before this fetches the object again.
        await store.sync.recordObject(fetched);
        request.onObject?.(fetched);
        summary.fetched++;
        if (fetched.outcome === 'unreadable') summary.unreadable++;
        const country = perCountry.get(object.probeCc)!;
        country.added += fetched.added;
        country.objects++;
        country.bytes += fetched.size;
        progress();
      },
      request.signal,
    );
  } finally {
    await run.close();
  }
  summary.left = plan.length - objectsDone;
  summary.measurements = run.summary;
  await recordCountrySyncs(store, summary, perCountry);
  return summary;
}

/** Lists every prefix (a few at a time) and keeps the measurement files the store does not hold as they are. */
async function planFetches(
  store: Store,
  archive: S3Archive,
  request: SyncRequest,
  summary: SyncSummary,
): Promise<PlannedObject[]> {
  const prefixes = archivePrefixes(request.countries, request.tests, request.since, request.until);
  const held = new Map(
    await Promise.all(
      request.countries.map(async (cc) => [cc, await store.sync.fetchedObjects(archive.origin, cc)] as const),
    ),
  );
  const listed: PlannedObject[][] = prefixes.map(() => []);
  await eachConcurrently(
    prefixes.map((p, i) => [p, i] as const),
    request.concurrency,
    async ([p, i]) => {
      for await (const o of archive.list(p.prefix)) {
        if (isMeasurementKey(o.key)) listed[i]!.push({ ...o, probeCc: p.probeCc, earlier: undefined });
      }
    },
    request.signal,
  );
  const plan: PlannedObject[] = [];
  for (const o of listed.flat()) {
    summary.listed++;
    const earlier = held.get(o.probeCc)?.get(o.key);
    if (earlier && earlier.etag === o.etag) summary.held++;
    else {
      if (earlier) summary.changed++;
      plan.push({ ...o, earlier });
    }
  }
  return plan;
}

/**
 * Fetches one object and ingests it as it arrives. A download that breaks off part way is fetched again (its
 * records already committed come back as duplicates, deduplicated by uid); the counts add up over the tries.
 */
async function fetchObject(
  archive: S3Archive,
  run: IngestRun,
  object: PlannedObject,
  request: SyncRequest,
  onBytes: (n: number) => void,
): Promise<FetchedObject> {
  const total: SourceCounts = { read: 0, added: 0, duplicates: 0, rejected: 0, unreadable: null };
  for (let attempt = 0; ; attempt++) {
    const answer = await archive.get(object.key);
    const etag = (answer.headers.get('etag') ?? object.etag).replace(/^"|"$/g, '');
    const { jobs, end } = objectJobs(object.key, answer.body, onBytes);
    const counts = await run.ingestSource(object.key, jobs);
    total.read += counts.read;
    total.added += counts.added;
    total.duplicates += counts.duplicates;
    total.rejected += counts.rejected;
    total.unreadable = counts.unreadable;
    if (!end.broken) {
      return {
        origin: archive.origin,
        key: object.key,
        etag,
        size: end.bytes,
        probeCc: object.probeCc,
        outcome: total.unreadable ? 'unreadable' : 'ingested',
        records: total.read,
        added: total.added,
        duplicates: total.duplicates,
        rejected: total.rejected,
        fetchedAt: new Date().toISOString(),
      };
    }
    if (attempt >= request.fetch.retries)
      throw new RemoteError(
        `${archive.origin}/${object.key}: the download broke off (${end.broken.message}) ${attempt + 1} times`,
      );
    request.fetch.onRetry?.(`${archive.origin}/${object.key}`, attempt + 1, end.broken.message, 0);
  }
}
