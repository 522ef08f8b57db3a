/** The body of every error answer of the API, described once for the OpenAPI document. */
import { z } from 'zod';
import { named } from './api-schemas.js';

/** The body of every error answer. */
export const errorJson = named(
  'Error',
  'An error: a stable code and a message for people, never a stack trace',
  z.strictObject({
    error: z.strictObject({
      code: z.string().describe('stable code, e.g. INVALID_INPUT, NOT_FOUND, RATE_LIMITED'),
      message: z.string(),
    }),
  }),
);
