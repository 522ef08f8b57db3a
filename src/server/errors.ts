/** Maps errors to HTTP: `{ error: { code, message } }` with the right status, never a stack trace. */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type ErrorCode, NetfreedomError } from '../shared/errors.js';

const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  USAGE: 400,
  INVALID_INPUT: 400,
  INVALID_DATA: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  ACCOUNT_LOCKED: 429,
  PAYLOAD_TOO_LARGE: 413,
  STORE_LOCKED: 503,
  STORE_ERROR: 500,
  REMOTE: 502,
};

/** What a client is told of a fault on the server's side: the store's or a remote's own text stays in the log. */
const SERVER_SIDE: Partial<Record<ErrorCode, string>> = {
  STORE_ERROR: 'the store could not answer; the server log says why',
  REMOTE: 'a service the server relies on could not answer; the server log says why',
};

/**
 * The status and body a client gets for `err`, and `log`, the line for the server's log when the fault is the
 * server's (an engine's message can name hosts, tables and queries, which a client has no business reading).
 */
export function toHttpError(err: unknown): {
  status: ContentfulStatusCode;
  body: { error: { code: string; message: string } };
  log?: string;
} {
  if (err instanceof NetfreedomError) {
    const hidden = SERVER_SIDE[err.code];
    const body = { error: { code: err.code, message: hidden ?? err.message } };
    return hidden ? { status: STATUS[err.code], body, log: err.message } : { status: STATUS[err.code], body };
  }
  const log = err instanceof Error ? (err.stack ?? err.message) : String(err);
  return { status: 500, body: { error: { code: 'INTERNAL', message: 'internal error' } }, log };
}
