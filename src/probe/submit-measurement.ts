/** Sends one measurement to a netfreedom server (`POST /api/v1/measurements`), which answers with the stored id. */
import type { WebConnectivityMeasurement } from '../model/measurement.js';

export interface Submission {
  uid: string;
  status: 'added' | 'duplicate';
}

/**
 * Posts the measurement, with a registered probe's token when given (its submissions are then trusted); throws
 * with the server's message when it is refused or unreachable.
 */
export async function submitMeasurement(
  server: string,
  measurement: WebConnectivityMeasurement,
  timeoutMs = 30_000,
  token?: string,
): Promise<Submission> {
  const url = new URL('/api/v1/measurements', server);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(measurement),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    throw new Error(`cannot submit to ${url.origin}: ${(err as Error).message}`);
  }
  const text = await response.text();
  let body: { measurement_uid?: string; status?: Submission['status']; error?: { message?: string } } = {};
  try {
    body = JSON.parse(text);
  } catch {
    // The message below says what came back.
  }
  if (!response.ok || typeof body.measurement_uid !== 'string') {
    const reason = body.error?.message ?? `HTTP ${response.status}`;
    throw new Error(`${url.origin} refused the measurement of ${measurement.input}: ${reason}`);
  }
  return { uid: body.measurement_uid, status: body.status ?? 'added' };
}
