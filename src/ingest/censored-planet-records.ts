/** Censored Planet results (Satellite, Hyperquack v1 and v2) → measurement records, judged by their own signatures. */
import { judgeHyperquack, judgeHyperquackV1, judgeSatellite } from '../analysis/censored-planet-verdict.js';
import { evidence, withReason } from '../analysis/evidence-messages.js';
import type { HyperquackV1Result, HyperquackV2Result, SatelliteResult } from '../model/censored-planet.js';
import { quoteValue } from '../shared/quote-value.js';
import type { MeasurementRecord } from '../store/measurement-store.js';
import { parseTime } from './parse-time.js';
import {
  CC,
  type ConvertContext,
  contentHash,
  type Doc,
  domainOf,
  need,
  needObjects,
  RecordError,
  requireSource,
} from './record-fields.js';

function cpRecord(
  doc: Doc,
  testName: string,
  vp: string,
  testUrl: string,
  cc: string | undefined,
  time: unknown,
  analysis: MeasurementRecord['analysis'],
  ctx: ConvertContext,
): MeasurementRecord {
  const startTime = parseTime(time);
  if (!startTime) throw new RecordError('wrong type', `start time ${quoteValue(String(time))} is not a time`);
  const probeCc = cc && CC.test(cc) ? cc : 'ZZ';
  const rawJson = JSON.stringify(doc);
  return {
    uid: `cp-${contentHash(rawJson)}`,
    source: 'censoredplanet',
    testName,
    input: testUrl,
    domain: domainOf(testUrl),
    probeCc,
    // Censored Planet vantage points are servers, not users; their AS is not in these files.
    probeAsn: 'AS0',
    startTime,
    categoryCode: ctx.categoryOf ? ctx.categoryOf(testUrl, probeCc) : null,
    simulated: Boolean(ctx.simulated),
    origin: 'import',
    reporter: null,
    analysis: withReason(analysis, evidence('cp_vantage_point', { server: vp })),
    raw: doc,
    rawJson,
  };
}

/** A Satellite (DNS) result. */
export function fromSatellite(doc: Doc, ctx: ConvertContext): MeasurementRecord {
  requireSource(ctx, 'censoredplanet');
  need(doc, 'vp', 'string');
  need(doc, 'test_url', 'string');
  need(doc, 'passed_liveness', 'boolean');
  need(doc, 'connect_error', 'boolean');
  need(doc, 'anomaly', 'boolean');
  needObjects(doc, 'response');
  // The verdict quotes each answer's URL: it must be text.
  for (const answer of doc.response as Doc[]) need(answer, 'url', 'string');
  if (doc.excluded && doc.exclude_reason != null) need(doc, 'exclude_reason', 'array');
  const r = doc as unknown as SatelliteResult;
  return cpRecord(
    doc,
    'satellite',
    r.vp,
    r.test_url,
    r.location?.country_code,
    r.start_time,
    judgeSatellite(r),
    ctx,
  );
}

/** A Hyperquack v2 result (HTTP, HTTPS, echo, discard). */
export function fromHyperquackV2(doc: Doc, ctx: ConvertContext): MeasurementRecord {
  requireSource(ctx, 'censoredplanet');
  need(doc, 'vp', 'string');
  need(doc, 'service', 'string');
  need(doc, 'test_url', 'string');
  need(doc, 'anomaly', 'boolean');
  need(doc, 'controls_failed', 'boolean');
  needObjects(doc, 'response');
  const r = doc as unknown as HyperquackV2Result;
  const first = r.response.find((x) => !x.control_url) ?? r.response[0];
  const service = r.service.split(':')[0]!.replace(/[^a-z]/g, '');
  const analysis = judgeHyperquack(r, ctx.matchCensoredPlanet);
  return cpRecord(
    doc,
    `hyperquack_${service}`,
    r.vp,
    r.test_url,
    r.location?.country_code,
    first?.start_time,
    analysis,
    ctx,
  );
}

/** A Hyperquack v1 result, whose protocol only its file name says. */
export function fromHyperquackV1(doc: Doc, ctx: ConvertContext): MeasurementRecord {
  requireSource(ctx, 'censoredplanet');
  need(doc, 'Server', 'string');
  need(doc, 'Keyword', 'string');
  needObjects(doc, 'Results');
  need(doc, 'Blocked', 'boolean');
  need(doc, 'FailSanity', 'boolean');
  const r = doc as unknown as HyperquackV1Result;
  const service = /https/i.test(ctx.fileName) ? 'https' : 'http';
  const analysis = judgeHyperquackV1(r, service, ctx.matchCensoredPlanet);
  return cpRecord(
    doc,
    `hyperquack_${service}`,
    r.Server,
    r.Keyword,
    undefined,
    r.Results[0]?.StartTime,
    analysis,
    ctx,
  );
}
