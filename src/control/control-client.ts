/** Asks a control (ours or OONI's test helper) about a URL; failures come back as data, never thrown. */
import type { ControlRequest, ControlResponse } from '../model/measurement.js';
import { TIMEOUT_CODE } from '../netx/classify.js';
import { postJson } from '../netx/post-json.js';
import { CLIENT_IP_HEADER } from './control-server.js';

export interface ControlAnswer {
  response: ControlResponse | null;
  /** OONI-style failure when the control could not be asked or answered nonsense. */
  failure: string | null;
  /** Our address as the control saw it (only our own control tells); for ASN lookup, never stored. */
  clientIp: string | null;
}

/** Largest control response accepted: a THResponse is a few KiB. */
const MAX_RESPONSE_BYTES = 1 << 20;

/** POSTs `request` to `controlUrl` with a deadline. */
export async function askControl(
  controlUrl: string,
  request: ControlRequest,
  timeoutMs: number,
): Promise<ControlAnswer> {
  try {
    const res = await postJson(controlUrl, JSON.stringify(request), {
      timeoutMs,
      maxResponseBytes: MAX_RESPONSE_BYTES,
    });
    const clientIp = headerValue(res.headers[CLIENT_IP_HEADER]);
    if (res.status < 200 || res.status > 299)
      return { response: null, failure: 'http_request_failed', clientIp };
    const body = JSON.parse(res.text) as ControlResponse;
    if (!body || typeof body !== 'object' || !body.http_request || !body.dns || !body.tcp_connect)
      return { response: null, failure: 'json_parse_error', clientIp };
    return { response: body, failure: null, clientIp };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === TIMEOUT_CODE) return { response: null, failure: 'generic_timeout_error', clientIp: null };
    if (err instanceof SyntaxError) return { response: null, failure: 'json_parse_error', clientIp: null };
    if (code === 'ECONNREFUSED') return { response: null, failure: 'connection_refused', clientIp: null };
    if (code === 'ECONNRESET') return { response: null, failure: 'connection_reset', clientIp: null };
    return { response: null, failure: 'http_request_failed', clientIp: null }; // RESPONSE_TOO_LARGE too
  }
}

/** Asks our control which address we come from (its answer to an empty request carries it); null if it does not say. */
export async function discoverClientIp(controlUrl: string, timeoutMs: number): Promise<string | null> {
  try {
    const res = await postJson(controlUrl, '{}', { timeoutMs, maxResponseBytes: MAX_RESPONSE_BYTES });
    return headerValue(res.headers[CLIENT_IP_HEADER]) || null;
  } catch {
    return null;
  }
}

function headerValue(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value[0] : value) ?? null;
}
