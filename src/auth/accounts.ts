/** Users: add, list, disable, set a password; every change in one transaction with its audit entry. */
import type { Role, User } from '../model/account.js';
import { ConflictError, InvalidInputError, NotFoundError, UnauthorizedError } from '../shared/errors.js';
import type { Store } from '../store/store.js';
import type { Acting } from './acting.js';
import { USER_NAME } from './auth-policy.js';
import { checkPasswordHash, hashPassword } from './password-hash.js';
import { checkPassword } from './password-policy.js';
import { endUserSessions } from './sessions.js';

/** A user as shown to people and written to the audit log: everything but the password hash. */
export type PublicUser = Omit<User, 'passwordHash'>;

export function publicUser(u: User): PublicUser {
  const { passwordHash: _hidden, ...rest } = u;
  return rest;
}

/** Checks a user name's form (the same rule on the command line and in the API). */
export function checkUserName(name: string): string {
  if (!USER_NAME.test(name))
    throw new InvalidInputError(
      `user name "${name.slice(0, 40)}" must be 2–40 lower-case letters, digits, ".", "_" or "-", starting with a letter`,
    );
  return name;
}

export interface NewUser {
  name: string;
  role: Role;
  countries: string[];
  password: string;
}

/** Adds a user; the password must pass the policy and is kept only as its argon2id hash. */
export async function addUser(store: Store, acting: Acting, input: NewUser): Promise<PublicUser> {
  checkUserName(input.name);
  checkPassword(input.password, input.name);
  const passwordHash = await hashPassword(input.password);
  return store.transaction(async () => {
    if (await store.documents.get<User>('user', input.name))
      throw new ConflictError(`a user named ${input.name} exists already`);
    const at = acting.now().toISOString();
    const user: User = {
      name: input.name,
      role: input.role,
      countries: [...input.countries].sort(),
      passwordHash,
      disabled: false,
      createdAt: at,
      passwordChangedAt: at,
    };
    await store.documents.put('user', user.name, user);
    await audit(store, acting, 'user.add', user.name, null, publicUser(user), null);
    return publicUser(user);
  });
}

export async function listUsers(store: Store): Promise<PublicUser[]> {
  return (await store.documents.list<User>('user')).map(publicUser);
}

export async function getUser(store: Store, name: string): Promise<User | null> {
  return USER_NAME.test(name) ? store.documents.get<User>('user', name) : null;
}

/** Disables a user: their sessions end, and their tokens stop working while they are disabled. */
export async function disableUser(
  store: Store,
  acting: Acting,
  name: string,
  reason: string | null,
): Promise<PublicUser> {
  return store.transaction(async () => {
    const user = await mustGet(store, name);
    const after = { ...user, disabled: true };
    await store.documents.put('user', name, after);
    await endUserSessions(store, name, acting.now());
    await audit(store, acting, 'user.disable', name, publicUser(user), publicUser(after), reason);
    return publicUser(after);
  });
}

/** Sets a new password (an operator's reset): every session of the user ends. */
export async function setPassword(
  store: Store,
  acting: Acting,
  name: string,
  password: string,
  action: 'user.reset_password' | 'user.change_password' = 'user.reset_password',
): Promise<PublicUser> {
  checkPassword(password, name);
  const passwordHash = await hashPassword(password);
  return store.transaction(async () => {
    const user = await mustGet(store, name);
    const after: User = { ...user, passwordHash, passwordChangedAt: acting.now().toISOString() };
    await store.documents.put('user', name, after);
    await endUserSessions(store, name, acting.now());
    // Neither password nor hash goes to the log: only that it changed, and when.
    await audit(store, acting, action, name, publicUser(user), publicUser(after), null);
    return publicUser(after);
  });
}

/** A signed-in user's own change: the current password first, then the new one; every session ends. */
export async function changeOwnPassword(
  store: Store,
  acting: Acting,
  name: string,
  current: string,
  next: string,
): Promise<PublicUser> {
  const user = await getUser(store, name);
  if (!user || !(await checkPasswordHash(user.passwordHash, current)))
    throw new UnauthorizedError('the current password is wrong');
  return setPassword(store, acting, name, next, 'user.change_password');
}

async function mustGet(store: Store, name: string): Promise<User> {
  const user = await getUser(store, name);
  if (!user) throw new NotFoundError(`no user named ${name}`);
  return user;
}

function audit(
  store: Store,
  acting: Acting,
  action: string,
  name: string,
  before: unknown,
  after: unknown,
  reason: string | null,
) {
  return store.audit.append({
    actor: acting.actor,
    action,
    entity: `user:${name}`,
    before,
    after,
    reason,
    requestId: acting.requestId,
  });
}
