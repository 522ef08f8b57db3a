/** Who is acting in a write, for the audit log: the actor's name, the request it came with, and the clock. */
import type { Principal } from '../model/account.js';
import { actorName } from '../model/account.js';

export interface Acting {
  /** As the audit log names them (`actorName`), or `system` for what the server does by itself. */
  actor: string;
  /** The HTTP request id, or null on the command line. */
  requestId: string | null;
  now: () => Date;
}

/** The acting context of a principal. */
export function actingAs(p: Principal, requestId: string | null = null, now = () => new Date()): Acting {
  return { actor: actorName(p), requestId, now };
}
