/** Validates a THRequest body (OONI's test-helper protocol) before anything is dialled. */
import { z } from 'zod';
import type { ControlRequest } from '../model/measurement.js';
import { ipVersion } from '../netx/ip-literal.js';
import { InvalidInputError } from '../shared/errors.js';
import { splitHostPort } from '../shared/host-port.js';

/** Limits: a THRequest names one URL and a handful of endpoints. */
export const MAX_REQUEST_BYTES = 64 * 1024;
const MAX_ENDPOINTS = 32;

const endpoint = z
  .string()
  .regex(/^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-fA-F:.]+\]):\d{1,5}$/, 'expected "ip:port"')
  .refine((s) => {
    const { ip, port } = splitHostPort(s);
    return ipVersion(ip) !== 0 && port >= 1 && port <= 65535;
  }, 'expected "ip:port" with an IP address and a port from 1 to 65535');

const schema = z.object({
  http_request: z.string().max(4096),
  http_request_headers: z.record(z.string().max(256), z.array(z.string().max(1024)).max(8)).default({}),
  tcp_connect: z.array(endpoint).max(MAX_ENDPOINTS).default([]),
  x_quic_enabled: z.boolean().optional(),
});

/** Parses and checks a request; throws InvalidInputError naming the field at fault. */
export function parseControlRequest(body: unknown): ControlRequest {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InvalidInputError(`THRequest.${issue.path.join('.') || '(body)'}: ${issue.message}`);
  }
  let url: URL;
  try {
    url = new URL(parsed.data.http_request);
  } catch {
    throw new InvalidInputError('THRequest.http_request: not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new InvalidInputError('THRequest.http_request: only http and https URLs are measured');
  return parsed.data;
}
