/** One URL to one web_connectivity measurement: the experiment inside its envelope (what the simulations and the benchmark call). */
import type { InterceptionCaDb } from '../../../analysis/tls/interception-cas.js';
import type { WebConnectivityMeasurement } from '../../../model/measurement.js';
import { envelope, type MeasurementMeta } from '../../measurement-envelope.js';
import type { ProbeConfig } from '../../probe-config.js';
import { webConnectivity } from './web-connectivity.js';

/** Measures `input` and returns the archival measurement with the client's address scrubbed out. */
export async function measureUrl(
  input: string,
  cfg: ProbeConfig,
  known: InterceptionCaDb,
  meta: MeasurementMeta,
): Promise<{ measurement: WebConnectivityMeasurement; clientIp: string | null }> {
  const start = new Date();
  const observed = await webConnectivity.measure(input, { cfg, known, allEndpoints: false });
  const measurement = envelope(webConnectivity, input, observed, meta, cfg, start);
  return { measurement, clientIp: observed.clientIp };
}
