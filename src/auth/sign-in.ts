/**
 * Signing in with a name and password. Every refusal says the same ("wrong user name or password") whether the
 * name is unknown, disabled or the password wrong, and costs one argon2id check either way (a decoy hash for
 * unknown names), so neither the message nor the time tells whether an account exists.
 */
import type { User } from '../model/account.js';
import { UnauthorizedError } from '../shared/errors.js';
import type { Store } from '../store/store.js';
import { getUser } from './accounts.js';
import type { LoginThrottle } from './login-throttle.js';
import { checkPasswordHash } from './password-hash.js';

export const WRONG_CREDENTIALS = 'wrong user name or password';

/** The user when the name and password match an enabled account; AccountLockedError while the name is locked. */
export async function signIn(
  store: Store,
  throttle: LoginThrottle,
  nameInput: string,
  password: string,
  now: Date,
): Promise<User> {
  const name = nameInput.trim().toLowerCase().slice(0, 100);
  throttle.check(name, now);
  const user = await getUser(store, name);
  const matches = await checkPasswordHash(user?.passwordHash ?? null, password);
  if (user && matches && !user.disabled) {
    throttle.succeed(name);
    return user;
  }
  // The failure that starts a lockout answers with the lockout itself, so that the person knows at once.
  const lockout = throttle.fail(name, now);
  throw lockout ?? new UnauthorizedError(WRONG_CREDENTIALS);
}
