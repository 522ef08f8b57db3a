/** What the API answers a probe's submission. */
import { z } from 'zod';
import { named } from './api-schemas.js';

/** What a probe gets back for a submission. */
export const submissionJson = named(
  'SubmissionReceipt',
  'The id a submitted measurement is stored under, answered after the write is committed',
  z.strictObject({
    measurement_uid: z
      .string()
      .describe('`h-` and a hash of the measurement as stored: the same measurement always gets the same id'),
    status: z.enum(['added', 'duplicate']).describe('duplicate: the same measurement was stored before'),
  }),
);
