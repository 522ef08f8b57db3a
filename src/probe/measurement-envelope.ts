/** The df-000 envelope around a test's keys: who, where, when, with which software and helpers; never the probe's own IP. */
import type { Measurement } from '../model/measurement.js';
import { scrubAddress } from '../shared/scrub-address.js';
import type { Experiment, Observation } from './experiments/experiment.js';
import type { ProbeConfig } from './probe-config.js';

export const SOFTWARE_NAME = 'netfreedom';
export const SOFTWARE_VERSION = '0.1.0';

/** Who and where, as df-000 wants it; never the probe's own IP. */
export interface MeasurementMeta {
  probeCc: string;
  probeAsn: string;
  probeNetworkName?: string;
  reportId: string;
  testStartTime: string;
  annotations?: Record<string, string>;
}

/** The archival measurement of one observation, with the client's address scrubbed out of every text. */
export function envelope<TK extends object>(
  experiment: Experiment<TK>,
  input: string | null,
  observed: Observation<TK>,
  meta: MeasurementMeta,
  cfg: ProbeConfig,
  start: Date,
): Measurement<TK> {
  const measurement: Measurement<TK> = {
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
    test_helpers:
      observed.usedControl && cfg.controlUrl
        ? { backend: { address: cfg.controlUrl, type: new URL(cfg.controlUrl).protocol.replace(':', '') } }
        : {},
    test_keys: observed.testKeys,
    test_name: experiment.name,
    test_runtime: observed.runtimeSeconds,
    test_start_time: meta.testStartTime,
    test_version: experiment.version,
  };
  return scrubAddress(measurement, observed.clientIp);
}

/** A report id as OONI's collector makes them: time, test (without underscores), country, ASN, a random tail. */
export function reportId(testName: string, cc: string, asn: string, start: Date, tail: string): string {
  const time = `${start.toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`;
  return `${time}_${testName.replace(/_/g, '')}_${cc}_${asn.replace(/^AS/, '')}_n1_${tail}`;
}

/** "YYYY-MM-DD hh:mm:ss" in UTC, OONI's timestamp format. */
export function ooniTime(d: Date): string {
  return d.toISOString().slice(0, 19).replace('T', ' ');
}
