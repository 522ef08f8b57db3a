/** The answer to a write of country evidence: which record, and what the write did. */
import { z } from 'zod';
import { EVIDENCE_KINDS } from '../../store/evidence-store.js';
import { named } from './api-schemas.js';

export const evidenceWriteJson = named(
  'EvidenceWrite',
  'A record of country evidence written: its kind and id, and whether it was added, updated or unchanged',
  z.strictObject({
    kind: z.enum(EVIDENCE_KINDS as [string, ...string[]]).describe('the kind of record'),
    id: z.string().describe('its id (the same id again replaces it)'),
    result: z
      .enum(['added', 'updated', 'unchanged'])
      .describe('what the write did; unchanged is not audited'),
    draft: z
      .strictObject({ edition: z.number().int(), revision: z.number().int() })
      .optional()
      .describe('narratives and events: the draft revision that holds the record until it is published'),
  }),
);
