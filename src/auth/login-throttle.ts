/**
 * Sign-in failures per account name, in memory: after LOGIN.failuresBeforeLockout failures in a row the name is
 * locked for LOGIN.lockoutMs, and the person is told so and until when. Unknown names are counted exactly as
 * known ones, so that a lockout says nothing about whether a name exists.
 */
import { AccountLockedError } from '../shared/errors.js';
import { LOGIN } from './auth-policy.js';

interface Failures {
  count: number;
  lockedUntil: number;
  lastAt: number;
}

/** At most this many names are tracked; the stalest are forgotten first (a flood of names cannot grow memory). */
const MAX_NAMES = 10_000;

export class LoginThrottle {
  private readonly names = new Map<string, Failures>();

  /** Throws AccountLockedError while `name` is locked. */
  check(name: string, now: Date): void {
    const f = this.names.get(name);
    if (f && f.lockedUntil > now.getTime()) throw locked(f.lockedUntil, now);
  }

  /** Counts a failure; returns the lockout it starts, if it starts one. */
  fail(name: string, now: Date): AccountLockedError | null {
    const t = now.getTime();
    const f = this.names.get(name) ?? { count: 0, lockedUntil: 0, lastAt: t };
    // A lockout that has run out starts the count afresh.
    if (f.lockedUntil !== 0 && f.lockedUntil <= t) Object.assign(f, { count: 0, lockedUntil: 0 });
    f.count++;
    f.lastAt = t;
    this.names.delete(name);
    this.names.set(name, f);
    if (this.names.size > MAX_NAMES) this.names.delete(this.names.keys().next().value!);
    if (f.count >= LOGIN.failuresBeforeLockout) {
      f.lockedUntil = t + LOGIN.lockoutMs;
      return locked(f.lockedUntil, now);
    }
    return null;
  }

  /** A successful sign-in clears the name's failures. */
  succeed(name: string): void {
    this.names.delete(name);
  }
}

function locked(until: number, now: Date): AccountLockedError {
  return new AccountLockedError(new Date(until), Math.max(1, Math.ceil((until - now.getTime()) / 1000)));
}
