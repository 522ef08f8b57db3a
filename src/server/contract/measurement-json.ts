/** Measurements in OONI's names: the search list's summaries and one measurement with its raw record. */
import { z } from 'zod';
import { isOoniMeasurementUid } from '../../model/measurement-id.js';
import type { MeasurementRecord, MeasurementSummary } from '../../store/measurement-store.js';
import { named } from './api-schemas.js';
import { type CertificateChainJson, certificateChainJson } from './certificate-json.js';
import { listContract } from './list-contract.js';
import { analysisJson, toAnalysisJson, verdictFields } from './verdict-json.js';

/** The fields every view of a measurement carries, with OONI's names where OONI has one. */
const metadataFields = {
  measurement_uid: z
    .string()
    .describe(
      "OONI's measurement_uid when the measurement has one, else an id netfreedom gave it: a hash of its content " +
        '(`h-` for submissions), so storing it twice adds nothing',
    ),
  measurement_start_time: z.string().describe('when the measurement started, ISO 8601 UTC'),
  probe_cc: z.string().describe("the probe's country, ISO 3166-1 alpha-2"),
  probe_asn: z.string().describe('the probe\'s network, "AS1234"'),
  test_name: z.string().describe('OONI test name, e.g. web_connectivity'),
  input: z.string().nullable().describe('the tested URL (or target) when there is one'),
  domain: z.string().nullable().describe("the input's host name"),
  category_code: z.string().nullable().describe('Citizen Lab category of the input, when known'),
  simulated: z
    .boolean()
    .describe(
      'produced by a simulated network (demo data): left out of every list and count unless include_simulated=true',
    ),
  source: z
    .enum(['ooni', 'netfreedom', 'censoredplanet'])
    .describe('who measured: OONI, a netfreedom probe, Censored Planet'),
  origin: z
    .enum(['import', 'probe', 'anonymous', 'unknown'])
    .describe(
      "where it came from: an operator's import (OONI's archive, Censored Planet, files), a registered probe, an " +
        'anonymous submission, or unknown (stored before origins were kept); see the trust rule',
    ),
  ooni_explorer_url: z
    .string()
    .nullable()
    .describe(
      "the measurement on OONI Explorer: by its measurement_uid (explorer.ooni.org/m/UID); for one of OONI's measurements " +
        "without a uid (records of OONI's raw/ archive carry none), by its report_id and input on the measurement's own " +
        "page; null for measurements that are not OONI's",
    ),
};

const EXPLORER = 'https://explorer.ooni.org';

/** Where OONI Explorer shows a measurement: by uid, else (detail only, where the raw record is at hand) by report_id. */
export function ooniExplorerUrl(m: MeasurementSummary | MeasurementRecord): string | null {
  if (m.source !== 'ooni') return null;
  if (isOoniMeasurementUid(m.uid)) return `${EXPLORER}/m/${m.uid}`;
  // Only the operator's imports are OONI's own: a submission's report_id is whatever its sender wrote, and a link
  // from it would send readers to another measurement on OONI Explorer under this one's input.
  if (m.origin !== 'import') return null;
  const raw = 'raw' in m ? (m.raw as { report_id?: unknown } | null) : null;
  const reportId = raw?.report_id;
  if (typeof reportId !== 'string' || !/^[\w.-]{1,200}$/.test(reportId)) return null;
  return `${EXPLORER}/measurement/${reportId}${m.input ? `?input=${encodeURIComponent(m.input)}` : ''}`;
}

type MetadataJson = { [K in keyof typeof metadataFields]: z.output<(typeof metadataFields)[K]> };

/** The shared fields in the API's names, from a summary or a whole record. */
function toMetadataJson(m: MeasurementSummary | MeasurementRecord): MetadataJson {
  return {
    measurement_uid: m.uid,
    measurement_start_time: m.startTime,
    probe_cc: m.probeCc,
    probe_asn: m.probeAsn,
    test_name: m.testName,
    input: m.input,
    domain: m.domain,
    category_code: m.categoryCode,
    simulated: m.simulated,
    source: m.source,
    origin: m.origin,
    ooni_explorer_url: ooniExplorerUrl(m),
  };
}

const measurementSummaryJson = named(
  'MeasurementSummary',
  'One measurement in a search result: its metadata and verdict, without the raw record',
  z.strictObject({
    ...metadataFields,
    outcome: verdictFields.outcome,
    blocking: verdictFields.blocking,
    technique: verdictFields.technique,
    confirmed: verdictFields.confirmed,
    tls_confirmed: verdictFields.tls_confirmed,
  }),
);

export type MeasurementSummaryJson = z.output<typeof measurementSummaryJson>;

/** A search result in the API's names. */
export function toMeasurementSummaryJson(m: MeasurementSummary): MeasurementSummaryJson {
  return {
    ...toMetadataJson(m),
    outcome: m.outcome,
    blocking: m.blocking,
    technique: m.technique,
    confirmed: m.confirmed,
    tls_confirmed: m.tlsConfirmed,
  };
}

/** Search results: newest first, paged by the store's own cursor; CSV columns are the summary's fields. */
export const measurementList = listContract({
  pageId: 'MeasurementPage',
  description: 'One page of measurements, newest first',
  item: measurementSummaryJson,
  toJson: toMeasurementSummaryJson,
});

/** One measurement with everything: metadata, analysis, the raw record as OONI wrote it, decoded chains. */
export const measurementJson = named(
  'Measurement',
  'One measurement: metadata, the current analysis, the raw record and its decoded certificate chains',
  z.strictObject({
    ...metadataFields,
    analysis: analysisJson,
    raw: z
      .unknown()
      .describe(
        "the measurement as received, in OONI's archival format and names (probe_ip replaced by 127.0.0.1)",
      ),
    certificate_chains: z
      .array(certificateChainJson)
      .describe('the peer chains of its TLS handshakes, decoded'),
  }),
);

export type MeasurementJson = z.output<typeof measurementJson>;

/** One measurement in the API's names; its raw record is passed through untouched. */
export function toMeasurementJson(r: MeasurementRecord, chains: CertificateChainJson[]): MeasurementJson {
  return {
    ...toMetadataJson(r),
    analysis: toAnalysisJson(r.analysis),
    raw: r.raw,
    certificate_chains: chains,
  };
}
