/** What `sync ooni` and `serve --sync` share: parsers for sizes, durations and test names, and the request they build. */
import { InvalidArgumentError } from 'commander';
import { archiveTransport } from '../../netx/archive-transport.js';
import { systemNetwork } from '../../netx/network.js';
import { UsageError } from '../../shared/errors.js';
import type { Store } from '../../store/store.js';
import { DEFAULT_FETCH_POLICY, type FetchPolicy } from '../../sync/polite-fetch.js';
import { OONI_BUCKET } from '../../sync/s3-archive.js';
import { OONI_API, syncFromApi } from '../../sync/sync-api.js';
import { syncFromS3 } from '../../sync/sync-s3.js';
import type { SyncRequest, SyncSummary } from '../../sync/sync-summary.js';

const SIZE_UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

/** `500000`, `500K`, `20M`, `2G` (binary multiples). */
export function parseSize(value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?$/i.exec(value.trim());
  if (!m) throw new InvalidArgumentError(`"${value}" is not a size such as 500M or 2G`);
  return Math.floor(Number(m[1]) * SIZE_UNITS[m[2]!.toLowerCase()]!);
}

const DURATION_UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `30s`, `15m`, `1h`, `1d`. */
export function parseDuration(value: string): number {
  const m = /^(\d+)\s*([smhd])$/i.exec(value.trim());
  if (!m || Number(m[1]) < 1)
    throw new InvalidArgumentError(`"${value}" is not a duration such as 30m or 1h`);
  return Number(m[1]) * DURATION_UNITS[m[2]!.toLowerCase()]!;
}

/** OONI test names as the API spells them (`web_connectivity`); a name without underscores is not guessed. */
export function parseTests(value: string): string[] {
  const tests = value
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);
  if (tests.length === 0 || tests.some((t) => !/^[a-z][a-z0-9_]{1,40}$/.test(t)))
    throw new InvalidArgumentError(
      `"${value}" is not a comma-separated list of OONI test names such as web_connectivity`,
    );
  return tests;
}

export function parseEndpoint(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError(`"${value}" is not a URL such as http://127.0.0.1:9000`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new InvalidArgumentError(`"${value}" is not an http(s) URL`);
  return value.replace(/\/+$/, '');
}

export function parseTimeoutSeconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 3600)
    throw new InvalidArgumentError(`"${value}" is not a number of seconds (0–3600)`);
  return n;
}

export function parseRetries(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 20) throw new InvalidArgumentError(`"${value}" is not 0–20`);
  return Number(value);
}

/** Where to sync from. */
export interface SyncSource {
  source: 's3' | 'api';
  endpoint?: string;
  bucket: string;
}

export const DEFAULT_BUCKET = OONI_BUCKET;

/** Tomorrow (UTC), the default `--until`: today's measurements are in. */
export function tomorrow(): string {
  return new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
}

/** The first day after `since` is before `until`, or a usage error naming both. */
export function checkWindow(since: string, until: string): void {
  if (since >= until)
    throw new UsageError(`--since ${since} is not before --until ${until} (--until is excluded)`);
}

export function fetchPolicy(
  timeoutSeconds: number,
  retries: number,
  onRetry?: FetchPolicy['onRetry'],
): FetchPolicy {
  return {
    ...DEFAULT_FETCH_POLICY,
    timeoutMs: Math.round(timeoutSeconds * 1000),
    retries,
    transport: archiveTransport(systemNetwork.lookup),
    ...(onRetry ? { onRetry } : {}),
  };
}

/** Runs one sync from the source asked. */
export function runSync(store: Store, from: SyncSource, request: SyncRequest): Promise<SyncSummary> {
  if (from.source === 'api') return syncFromApi(store, from.endpoint ?? OONI_API, request);
  return syncFromS3(
    store,
    { bucket: from.bucket, ...(from.endpoint ? { endpoint: from.endpoint } : {}) },
    request,
  );
}
