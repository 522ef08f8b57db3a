/**
 * Server-side sessions: the cookie carries a random secret, the store its SHA-256 with the user and times. A
 * session ends at logout, at a password change, when its user is disabled, after SESSION.idleMs unused and
 * SESSION.absoluteMs after sign-in.
 */
import type { Session, User } from '../model/account.js';
import type { Store } from '../store/store.js';
import { SESSION } from './auth-policy.js';
import { randomSecret, secretHash } from './secret-token.js';

export interface NewSession {
  /** Goes into the cookie, never into the store. */
  secret: string;
  session: Session;
  expiresAt: Date;
}

/** Opens a session for a user who has just signed in. */
export async function createSession(store: Store, user: User, now: Date): Promise<NewSession> {
  const secret = randomSecret();
  const session: Session = {
    idHash: secretHash(secret),
    user: user.name,
    createdAt: now.toISOString(),
    lastSeenAt: now.toISOString(),
    revokedAt: null,
  };
  await store.documents.put('session', session.idHash, session);
  return { secret, session, expiresAt: new Date(now.getTime() + SESSION.absoluteMs) };
}

/** When a session ends by itself (the sooner of its idle and absolute limits). */
export function sessionExpiry(s: Session): Date {
  return new Date(
    Math.min(Date.parse(s.lastSeenAt) + SESSION.idleMs, Date.parse(s.createdAt) + SESSION.absoluteMs),
  );
}

/**
 * The user of a live session, or null: unknown, ended, expired, its user gone or disabled, or opened before the
 * user's last password change. A live session's last use is written at most every SESSION.touchEveryMs.
 */
export async function resolveSession(
  store: Store,
  secret: string,
  now: Date,
): Promise<{ user: User; session: Session } | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(secret)) return null;
  const idHash = secretHash(secret);
  const session = await store.documents.get<Session>('session', idHash);
  if (!session || session.revokedAt !== null || sessionExpiry(session) <= now) return null;
  const user = await store.documents.get<User>('user', session.user);
  if (!user || user.disabled || Date.parse(session.createdAt) < Date.parse(user.passwordChangedAt))
    return null;
  if (now.getTime() - Date.parse(session.lastSeenAt) >= SESSION.touchEveryMs) {
    const touched = { ...session, lastSeenAt: now.toISOString() };
    // Only if nobody ended it meanwhile (logout in another tab), in the writer.
    await store.transaction(async () => {
      const current = await store.documents.get<Session>('session', idHash);
      if (current && current.revokedAt === null) await store.documents.put('session', idHash, touched);
    });
    return { user, session: touched };
  }
  return { user, session };
}

/** Ends one session (logout); an unknown secret ends nothing. */
export async function endSession(store: Store, secret: string, now: Date): Promise<boolean> {
  const idHash = secretHash(secret);
  return store.transaction(async () => {
    const session = await store.documents.get<Session>('session', idHash);
    if (!session || session.revokedAt !== null) return false;
    await store.documents.put('session', idHash, { ...session, revokedAt: now.toISOString() });
    return true;
  });
}

/** Ends every live session of a user (password change, disabling); returns how many. */
export async function endUserSessions(store: Store, userName: string, now: Date): Promise<number> {
  return store.transaction(async () => {
    let ended = 0;
    for (const s of await store.documents.list<Session>('session')) {
      if (s.user !== userName || s.revokedAt !== null || sessionExpiry(s) <= now) continue;
      await store.documents.put('session', s.idHash, { ...s, revokedAt: now.toISOString() });
      ended++;
    }
    return ended;
  });
}
