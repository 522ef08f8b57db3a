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

export function toHttpError(err: unknown): {
  status: ContentfulStatusCode;
  body: { error: { code: string; message: string } };
} {
  if (err instanceof NetfreedomError)
    return { status: STATUS[err.code], body: { error: { code: err.code, message: err.message } } };
  return { status: 500, body: { error: { code: 'INTERNAL', message: 'internal error' } } };
}
