/** The acting context of a principal, for the audit log and the review workflow. */
import type { Principal } from '../model/account.js';
import { actorName } from '../model/account.js';
import type { Acting } from '../model/audit.js';

export type { Acting } from '../model/audit.js';

/** How `p` acts in a write made for request `requestId` (null on the command line). */
export function actingAs(p: Principal, requestId: string | null = null, now = () => new Date()): Acting {
  return { actor: actorName(p), person: p.name, requestId, now };
}

/** What the server does by itself (seeding on first start). */
export function systemActing(now = () => new Date()): Acting {
  return { actor: 'system', person: 'system', requestId: null, now };
}
