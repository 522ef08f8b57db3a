/**
 * The measurement store contract (issue: pipeline), shared by DuckDB and ClickHouse and read by the server.
 * Field names of query results follow OONI's aggregation API (snake_case counts) so the API can pass them through.
 */
import type { MeasurementAnalysis } from '../model/analysis.js';
import type { MeasurementOrigin } from '../model/trust.js';
import type { Outcome, TechniqueBlocking } from '../model/verdict.js';
import { InvalidDataError } from '../shared/errors.js';

export type MeasurementSource = 'ooni' | 'netfreedom' | 'censoredplanet';

/** One ingested measurement: searchable metadata, the current analysis, and the raw record kept for re-analysis. */
export interface MeasurementRecord {
  /** OONI measurement_uid when present, else a content hash: re-ingesting adds nothing. */
  uid: string;
  source: MeasurementSource;
  testName: string;
  /** The tested URL (or target) when there is one. */
  input: string | null;
  domain: string | null;
  probeCc: string;
  /** "AS1234" */
  probeAsn: string;
  /** ISO 8601 UTC. */
  startTime: string;
  /** Citizen Lab category of the input, when known. */
  categoryCode: string | null;
  /** Produced by a simulated network (demo data): excluded from real statistics by default. */
  simulated: boolean;
  /** Where it came from (an import, a registered probe, an anonymous submission): the trust rule reads it. */
  origin: MeasurementOrigin;
  /**
   * Who reported it: the registered probe's id, or for an anonymous submission the `report_id` it claims (a probe
   * run's id, unverified); null for imports. Never an address.
   */
  reporter: string | null;
  analysis: MeasurementAnalysis;
  /** The raw measurement as received (JSON-serialisable); null once ingest has judged it and only `rawJson` travels. */
  raw: unknown;
  /** Its JSON text when the producer has it: writers store this instead of serialising `raw` again. */
  rawJson?: string;
  /** Or that text still as the UTF-8 bytes it was read as (ingest of JSON Lines): stored without decoding them. */
  rawUtf8?: RawUtf8;
}

/**
 * The longest uid a store takes. Ingest and the submission route give narrower ids (src/model/measurement-id.ts);
 * this bound keeps every search cursor, which carries a uid, short enough for the API to take back.
 */
export const MAX_UID_LENGTH = 96;
const UID = new RegExp(`^[\\x21-\\x7e]{1,${MAX_UID_LENGTH}}$`);

/** Refuses a batch holding a uid that is empty, too long, or not printable ASCII without spaces. */
export function checkUids(batch: readonly MeasurementRecord[]): void {
  for (const r of batch) {
    if (typeof r.uid !== 'string' || !UID.test(r.uid))
      throw new InvalidDataError(
        'measurement uid',
        `${JSON.stringify(String(r.uid).slice(0, 40))}${String(r.uid).length > 40 ? '…' : ''} is not 1–${MAX_UID_LENGTH} printable ASCII characters`,
      );
  }
}

/** A JSON text as UTF-8 bytes; `length` is the text's length as a JS string (UTF-16 code units). */
export interface RawUtf8 {
  bytes: Uint8Array;
  length: number;
}

/** The raw measurement's JSON text in the cheapest form the record holds it. */
export function rawPiece(r: MeasurementRecord): string | RawUtf8 {
  return r.rawUtf8 ?? r.rawJson ?? JSON.stringify(r.raw);
}

/** The raw measurement's JSON text. */
export function rawText(r: MeasurementRecord): string {
  const piece = rawPiece(r);
  if (typeof piece === 'string') return piece;
  return Buffer.from(piece.bytes.buffer, piece.bytes.byteOffset, piece.bytes.byteLength).toString('utf8');
}

/** Filters shared by search, aggregation and the per-country views. Dates are YYYY-MM-DD; `until` is exclusive. */
export interface MeasurementFilter {
  probeCc?: string[];
  probeAsn?: string[];
  domain?: string[];
  categoryCode?: string[];
  testName?: string[];
  outcome?: Outcome[];
  technique?: Exclude<TechniqueBlocking, false | null>[];
  since?: string;
  until?: string;
  /** Include simulated (demo) measurements; default false. */
  includeSimulated?: boolean;
  /**
   * Count every confirmation the analysis makes, also those the trust rule leaves unverified (src/model/trust.ts);
   * default false: an unverified confirmation counts as an anomaly.
   */
  includeUnverified?: boolean;
}

export type AggregationAxis =
  | 'measurement_start_day'
  | 'probe_asn'
  | 'domain'
  | 'category_code'
  | 'probe_cc'
  | 'technique'
  | 'test_name';

export interface AggregationQuery extends MeasurementFilter {
  axisX?: AggregationAxis;
  axisY?: AggregationAxis;
}

/**
 * One aggregation cell with OONI's counts (failure, then confirmed, then anomaly, else ok), and beside them
 * netfreedom's own count of TLS-confirmed measurements (MeasurementAnalysis.tlsConfirmed), which is not one of
 * OONI's outcomes: a TLS-confirmed measurement is also counted under its outcome.
 */
export interface AggregationRow {
  measurement_start_day?: string;
  probe_asn?: string;
  domain?: string;
  category_code?: string;
  probe_cc?: string;
  technique?: string;
  test_name?: string;
  measurement_count: number;
  ok_count: number;
  anomaly_count: number;
  confirmed_count: number;
  failure_count: number;
  tls_confirmed_count: number;
  /** OONI-confirmed measurements whose confirmation the trust rule leaves unverified (counted as anomalies unless `includeUnverified`). */
  unverified_confirmed_count: number;
  /** TLS-confirmed measurements the trust rule leaves unverified (not in `tls_confirmed_count` unless `includeUnverified`). */
  unverified_tls_confirmed_count: number;
  /** How many of the cell's measurements are simulated (0 unless the query includes simulated data). */
  simulated_count: number;
}

/** Summary row for listings (no raw body). */
export interface MeasurementSummary {
  uid: string;
  source: MeasurementSource;
  testName: string;
  input: string | null;
  domain: string | null;
  probeCc: string;
  probeAsn: string;
  startTime: string;
  categoryCode: string | null;
  simulated: boolean;
  origin: MeasurementOrigin;
  outcome: Outcome;
  blocking: MeasurementAnalysis['blocking'];
  technique: TechniqueBlocking;
  /** OONI's fingerprint confirmation (MeasurementAnalysis.confirmed). */
  confirmed: boolean;
  /** netfreedom's TLS confirmation (MeasurementAnalysis.tlsConfirmed). */
  tlsConfirmed: boolean;
}

export interface SearchQuery extends MeasurementFilter {
  /** Opaque cursor from the previous page. */
  cursor?: string;
  /** Page size, 1..1000. */
  limit?: number;
}

export interface SearchPage {
  items: MeasurementSummary[];
  /** Cursor of the next page, null at the end. Pages are ordered by startTime desc, uid. */
  nextCursor: string | null;
}

/**
 * A site blocked in a country: the answer to "which sites are blocked here, how, since when". A site is blocked
 * when some measurement of it shows blocking (`showsBlocking`, src/model/verdict.ts: OONI's anomaly or confirmed
 * outcome, or a technique netfreedom names); techniques, networks and first/last seen come from those.
 */
export interface BlockedSite {
  domain: string;
  categoryCode: string | null;
  /** The techniques named for its measurements that show blocking (none for a test netfreedom does not judge). */
  techniques: string[];
  networks: string[];
  firstSeen: string;
  lastSeen: string;
  /** All its measurements in the country (under the filters). */
  measurementCount: number;
  /** Its measurements that show blocking. */
  blockedCount: number;
  /** OONI's counts: outcome anomaly, outcome confirmed (a confirming fingerprint, not a failure). */
  anomalyCount: number;
  confirmedCount: number;
  /** netfreedom's TLS-confirmed measurements (neutral-SNI retry, known interception CA), whatever their outcome. */
  tlsConfirmedCount: number;
  /** Confirmations the trust rule leaves unverified (not in the two counts above unless `includeUnverified`). */
  unverifiedConfirmedCount: number;
  unverifiedTlsConfirmedCount: number;
  /** Its simulated measurements (0 unless the filter includes simulated data). */
  simulatedCount: number;
  /** OONI's share: (anomaly + confirmed) / measurementCount (0..1). */
  anomalyShare: number;
  /** OONI's confirmation: confirmedCount > 0. */
  confirmed: boolean;
  /** netfreedom's TLS confirmation: tlsConfirmedCount > 0. */
  tlsConfirmed: boolean;
  /** Some confirmation of this site is unverified (unverifiedConfirmedCount + unverifiedTlsConfirmedCount > 0). */
  unverified: boolean;
}

/** A detected start or end of blocking for (country, network, domain), with the measurements behind it. */
export interface ChangeEvent {
  id: string;
  probeCc: string;
  probeAsn: string;
  domain: string;
  kind: 'blocking_started' | 'blocking_stopped';
  /** ISO 8601 UTC of the change point. */
  at: string;
  /** Strength of the evidence (method-specific statistic, e.g. the CUSUM value at the alarm). */
  score: number;
  method: string;
  measurementUids: string[];
}

export interface NetworkSummary {
  probeAsn: string;
  probeCc: string;
  measurementCount: number;
  anomalyCount: number;
  /** OONI's confirmed outcome. */
  confirmedCount: number;
  /** netfreedom's TLS-confirmed measurements (not one of OONI's outcomes). */
  tlsConfirmedCount: number;
  /** Simulated measurements among them (0 unless the filter includes simulated data). */
  simulatedCount: number;
  firstSeen: string;
  lastSeen: string;
}

export interface DomainSummary {
  domain: string;
  categoryCode: string | null;
  countries: string[];
  measurementCount: number;
  anomalyCount: number;
  /** OONI's confirmed outcome. */
  confirmedCount: number;
  /** netfreedom's TLS-confirmed measurements (not one of OONI's outcomes). */
  tlsConfirmedCount: number;
  /** Simulated measurements among them (0 unless the filter includes simulated data). */
  simulatedCount: number;
}

export interface PutResult {
  added: number;
  duplicates: number;
}

export interface MeasurementStore {
  /** Adds a batch atomically; records whose uid exists are counted as duplicates and left unchanged. */
  put(batch: MeasurementRecord[]): Promise<PutResult>;
  get(uid: string): Promise<MeasurementRecord | null>;
  search(query: SearchQuery): Promise<SearchPage>;
  aggregate(query: AggregationQuery): Promise<AggregationRow[]>;
  blockedSites(probeCc: string, filter?: MeasurementFilter): Promise<BlockedSite[]>;
  networks(filter?: MeasurementFilter): Promise<NetworkSummary[]>;
  domains(filter?: MeasurementFilter): Promise<DomainSummary[]>;
  changes(filter?: MeasurementFilter): Promise<ChangeEvent[]>;
  /** Replaces the stored change events of the given (country) scope. */
  putChanges(probeCc: string, events: ChangeEvent[]): Promise<void>;
  /** Rewrites the analysis of stored records (re-analysis with newer rules). */
  updateAnalyses(updates: { uid: string; analysis: MeasurementAnalysis }[]): Promise<void>;
  count(filter?: MeasurementFilter): Promise<number>;
}

/** One day of one (country, network, domain) series: measurements that were not failures, and anomalous ones. */
export interface DailyCount {
  probeCc: string;
  probeAsn: string;
  domain: string;
  day: string;
  measurements: number;
  anomalous: number;
}

/** What the pipeline itself needs on top of the shared contract (re-analysis and change detection). */
export interface PipelineMeasurementStore extends MeasurementStore {
  /** Records analysed with rules older than `rulesVersion`, ordered by uid after `afterUid`. */
  staleRecords(
    rulesVersion: number,
    options: { since?: string; afterUid?: string; limit: number },
  ): Promise<MeasurementRecord[]>;
  /** Per-day non-failure and anomalous counts per (country, network, domain). */
  dailyCounts(filter?: MeasurementFilter): Promise<DailyCount[]>;
  /** Maintenance: lays the data out for fast per-country reads (DuckDB re-sorts, ClickHouse merges parts). */
  optimize(): Promise<void>;
}
