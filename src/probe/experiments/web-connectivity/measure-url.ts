/** One URL to one OONI-format measurement: observe, then apply the shared analysis (classic keys, verdict). */

import type { InterceptionCaDb } from '../analysis/tls/interception-cas.js';
import { computeXVerdict } from '../analysis/tls/x-verdict.js';
import { computeClassicKeys } from '../analysis/web-connectivity/classic.js';
import type { WebConnectivityMeasurement } from '../model/measurement.js';
import { scrubAddress } from '../shared/scrub-address.js';
import type { ProbeConfig } from './probe-config.js';
import { observeWebConnectivity } from './web-connectivity.js';

export const SOFTWARE_NAME = 'netfreedom';
export const SOFTWARE_VERSION = '0.1.0';
/** We reproduce web_connectivity v0.5's steps and classic analysis. */
export const TEST_VERSION = '0.5.28';

/** Who and where, as df-000 wants it; never the probe's own IP. */
export interface MeasurementMeta {
  probeCc: string;
  probeAsn: string;
  probeNetworkName?: string;
  reportId: string;
  testStartTime: string;
  annotations?: Record<string, string>;
}

/** Measures `input` and returns the archival measurement with the client's address scrubbed out. */
export async function measureUrl(
  input: string,
  cfg: ProbeConfig,
  known: InterceptionCaDb,
  meta: MeasurementMeta,
): Promise<{ measurement: WebConnectivityMeasurement; clientIp: string | null }> {
  const start = new Date();
  const observed = await observeWebConnectivity(input, cfg, known);
  const tk = observed.testKeys;
  // The same rules the pipeline applies: OONI's classic keys, then netfreedom's technique verdict.
  const classic = computeClassicKeys(tk, { input, testVersion: TEST_VERSION });
  Object.assign(tk, classic);
  tk.x_verdict = computeXVerdict(tk, classic, { interceptionCas: known });
  const measurement: WebConnectivityMeasurement = {
    annotations: { engine_name: SOFTWARE_NAME, platform: process.platform, ...meta.annotations },
    data_format_version: '0.2.0',
    input,
    measurement_start_time: ooniTime(start),
    probe_asn: meta.probeAsn,
    probe_cc: meta.probeCc,
    probe_ip: '127.0.0.1',
    probe_network_name: meta.probeNetworkName,
    report_id: meta.reportId,
    resolver_asn: 'AS0',
    resolver_ip: '127.0.0.1',
    software_name: SOFTWARE_NAME,
    software_version: SOFTWARE_VERSION,
    test_helpers: {
      backend: { address: cfg.controlUrl, type: new URL(cfg.controlUrl).protocol.replace(':', '') },
    },
    test_keys: tk,
    test_name: 'web_connectivity',
    test_runtime: observed.runtimeSeconds,
    test_start_time: meta.testStartTime,
    test_version: TEST_VERSION,
  };
  return { measurement: scrubAddress(measurement, observed.clientIp), clientIp: observed.clientIp };
}

/** "YYYY-MM-DD hh:mm:ss" in UTC, OONI's timestamp format. */
export function ooniTime(d: Date): string {
  return d.toISOString().slice(0, 19).replace('T', ' ');
}
