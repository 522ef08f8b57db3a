/**
 * API tokens for scripts and probes: `nft_<id>.<secret>`, shown once; the store keeps the SHA-256 of the whole
 * token with its scope (role, countries), owner, last use and revocation.
 */
import { timingSafeEqual } from 'node:crypto';
import type { ApiToken, Principal, Probe, TokenRole, User } from '../model/account.js';
import { ForbiddenError, InvalidInputError, NotFoundError } from '../shared/errors.js';
import type { Store } from '../store/store.js';
import type { Acting } from './acting.js';
import { API_TOKEN } from './auth-policy.js';
import { countriesWithin, roleWithin } from './roles.js';
import { randomId, randomSecret, secretHash } from './secret-token.js';

const TOKEN = /^nft_(tok_[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/;

/** A token as listed: everything but its hash. */
export type PublicToken = Omit<ApiToken, 'hash'>;

export function publicToken(t: ApiToken): PublicToken {
  const { hash: _hidden, ...rest } = t;
  return rest;
}

export interface NewToken {
  label: string;
  /** The user it acts for; null for a probe's token (then `probe` is set). */
  user: string | null;
  probe: string | null;
  role: TokenRole;
  countries: string[];
}

/** Creates a token; the token text is in the answer and nowhere else, ever. */
export async function createToken(
  store: Store,
  acting: Acting,
  input: NewToken,
): Promise<{ token: string; record: PublicToken }> {
  if (!input.label.trim() || input.label.length > 100)
    throw new InvalidInputError('a token needs a label of 1–100 characters');
  return store.transaction(async () => {
    if (input.user !== null) {
      const owner = await store.documents.get<User>('user', input.user);
      if (!owner) throw new NotFoundError(`no user named ${input.user}`);
      if (input.role === 'probe' || !roleWithin(owner.role, input.role))
        throw new ForbiddenError(
          `a token of ${owner.name} (${owner.role}) may not have the role ${input.role}`,
        );
      if (!countriesWithin(owner.countries, input.countries))
        throw new ForbiddenError(`${owner.name} may only act on ${owner.countries.join(', ')}`);
    } else if (input.probe === null || input.role !== 'probe') {
      throw new InvalidInputError('a token belongs to a user, or is a probe token');
    }
    const id = randomId('tok_');
    const token = `nft_${id}.${randomSecret()}`;
    const record: ApiToken = {
      id,
      hash: secretHash(token),
      label: input.label.trim(),
      user: input.user,
      probe: input.probe,
      role: input.role,
      countries: [...input.countries].sort(),
      createdAt: acting.now().toISOString(),
      createdBy: acting.actor,
      lastUsedAt: null,
      revokedAt: null,
    };
    await store.documents.put('token', id, record);
    await store.audit.append({
      actor: acting.actor,
      action: 'token.create',
      entity: `token:${id}`,
      before: null,
      after: publicToken(record),
      reason: null,
      requestId: acting.requestId,
    });
    return { token, record: publicToken(record) };
  });
}

export async function listTokens(store: Store): Promise<PublicToken[]> {
  return (await store.documents.list<ApiToken>('token')).map(publicToken);
}

export async function getToken(store: Store, id: string): Promise<ApiToken | null> {
  return /^tok_[0-9a-f]{12}$/.test(id) ? store.documents.get<ApiToken>('token', id) : null;
}

/** Revokes a token: it is refused from the next request on. */
export async function revokeToken(store: Store, acting: Acting, id: string): Promise<PublicToken> {
  return store.transaction(async () => {
    const t = await getToken(store, id);
    if (!t) throw new NotFoundError(`no token ${id}`);
    if (t.revokedAt !== null) return publicToken(t);
    const after = { ...t, revokedAt: acting.now().toISOString() };
    await store.documents.put('token', id, after);
    await store.audit.append({
      actor: acting.actor,
      action: 'token.revoke',
      entity: `token:${id}`,
      before: publicToken(t),
      after: publicToken(after),
      reason: null,
      requestId: acting.requestId,
    });
    return publicToken(after);
  });
}

/**
 * The principal a token stands for, or null when it is malformed, unknown, revoked, or its user or probe is gone
 * or disabled. A user's token never does more than its user may now. Its last use is written at most every
 * API_TOKEN.touchEveryMs.
 */
export async function resolveToken(store: Store, token: string, now: Date): Promise<Principal | null> {
  const m = TOKEN.exec(token);
  if (!m) return null;
  const t = await store.documents.get<ApiToken>('token', m[1]!);
  if (!t || t.revokedAt !== null || !sameHash(t.hash, secretHash(token))) return null;
  let principal: Principal;
  if (t.user !== null) {
    const user = await store.documents.get<User>('user', t.user);
    if (!user || user.disabled || t.role === 'probe' || !roleWithin(user.role, t.role)) return null;
    if (!countriesWithin(user.countries, t.countries)) return null;
    principal = {
      kind: 'token',
      name: user.name,
      role: t.role,
      countries: t.countries.length ? t.countries : user.countries,
      tokenId: t.id,
    };
  } else {
    const probe = t.probe ? await store.documents.get<Probe>('probe', t.probe) : null;
    if (!probe || probe.disabled) return null;
    principal = {
      kind: 'token',
      name: probe.id,
      role: 'probe',
      countries: [],
      tokenId: t.id,
      probeId: probe.id,
    };
  }
  if (t.lastUsedAt === null || now.getTime() - Date.parse(t.lastUsedAt) >= API_TOKEN.touchEveryMs) {
    await store.transaction(async () => {
      const current = await store.documents.get<ApiToken>('token', t.id);
      if (current && current.revokedAt === null)
        await store.documents.put('token', t.id, { ...current, lastUsedAt: now.toISOString() });
    });
  }
  return principal;
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}
