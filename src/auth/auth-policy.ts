/**
 * Every parameter of passwords, sessions, sign-in and tokens, in one place (README "Accounts and sessions" says
 * the same). Changing the argon2 parameters affects new hashes only: a stored hash carries its own.
 */
import type { Options } from '@node-rs/argon2';

/**
 * argon2id with OWASP's first recommended configuration (Password Storage Cheat Sheet): 19 MiB of memory, two
 * passes, one lane; a 16-byte random salt per hash (the library's), a 32-byte tag. About 50–100 ms per hash on
 * this project's 2-core machine, run on libuv's thread pool so the event loop never waits for it.
 */
export const ARGON2: Options = {
  algorithm: 2 as NonNullable<Options['algorithm']>, // Algorithm.Argon2id (a const enum the compiler cannot inline here)
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
};

export const PASSWORD = {
  /** Characters (code points) at least, as NIST SP 800-63B allows for a chosen password; the issue asks 12. */
  minLength: 12,
  /** At most: longer input is refused before hashing, so no request can make a hash expensive. */
  maxLength: 256,
};

/** A user name: lower-case letters, digits, `.`, `_`, `-`, starting with a letter, 2–40 characters. */
export const USER_NAME = /^[a-z][a-z0-9._-]{1,39}$/;

export const SESSION = {
  /** A session unused this long ends. */
  idleMs: 60 * 60_000,
  /** A session ends this long after sign-in, used or not. */
  absoluteMs: 12 * 60 * 60_000,
  /** Its last use is written at most this often (each write goes through the store's single writer). */
  touchEveryMs: 60_000,
  /** Cookie name; `__Host-` is put before it when the cookie is `Secure` (served over TLS). */
  cookie: 'nf_session',
};

export const LOGIN = {
  /** Failed sign-ins in a row after which an account name is locked (known names and unknown ones alike). */
  failuresBeforeLockout: 5,
  lockoutMs: 15 * 60_000,
  /** Sign-in attempts per client address and minute (the address is hashed in memory, never stored). */
  attemptsPerClientPerMinute: 10,
};

export const API_TOKEN = {
  /** A token's last use is written at most this often. */
  touchEveryMs: 60_000,
};
