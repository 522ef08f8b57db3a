/** Audit log entries in the API's names, with their place in the hash chain. */
import { z } from 'zod';
import type { AuditEntry } from '../../model/audit.js';
import { named } from './api-schemas.js';
import { listContract } from './list-contract.js';

const auditEntryJson = named(
  'AuditEntry',
  'One write: who, when, what, before and after, why, and its place in the hash chain',
  z.strictObject({
    seq: z.number().int(),
    at: z.string().describe('ISO 8601 UTC'),
    actor: z.string(),
    action: z.string().describe('e.g. assessment.edit_question, review.publish, user.add, token.revoke'),
    entity: z.string().describe('e.g. assessment:KZ:2024, user:alice, token:tok_…'),
    before: z
      .unknown()
      .describe('the entity (or the part that changed) before, as JSON; null when there was none'),
    after: z.unknown(),
    reason: z.string().nullable(),
    request_id: z.string().nullable(),
    prev_hash: z.string().describe("the previous entry's hash (64 zeros for the first)"),
    hash: z.string().describe('SHA-256 over this entry and prev_hash'),
  }),
);

export type AuditEntryJson = z.output<typeof auditEntryJson>;

export function toAuditEntryJson(e: AuditEntry): z.output<typeof auditEntryJson> {
  return {
    seq: e.seq,
    at: e.at,
    actor: e.actor,
    action: e.action,
    entity: e.entity,
    before: JSON.parse(e.beforeJson),
    after: JSON.parse(e.afterJson),
    reason: e.reason,
    request_id: e.requestId,
    prev_hash: e.prevHash,
    hash: e.hash,
  };
}

export const auditList = listContract({
  pageId: 'AuditPage',
  description: 'One page of audit log entries, newest first',
  item: auditEntryJson,
  toJson: toAuditEntryJson,
  csvRow: (item) => ({ ...item, before: JSON.stringify(item.before), after: JSON.stringify(item.after) }),
});
