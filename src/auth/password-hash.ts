/** argon2id password hashes (parameters in auth-policy.ts), and a fixed-cost check for names that have none. */
import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { ARGON2, PASSWORD } from './auth-policy.js';

/** The PHC string of a new hash (`$argon2id$v=19$m=19456,t=2,p=1$salt$tag`). */
export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

let decoy: Promise<string> | undefined;

/**
 * Whether `password` matches `stored`. With no stored hash (an unknown or passwordless name) it checks against a
 * decoy hash made with the same parameters and answers false, so that the answer takes as long either way and
 * its time says nothing about whether the name exists.
 */
export async function checkPasswordHash(stored: string | null, password: string): Promise<boolean> {
  // Over-long input is refused at the same cost as a wrong password, without hashing a megabyte.
  const input = [...password].length > PASSWORD.maxLength ? '' : password;
  if (stored === null) {
    decoy ??= hashPassword(randomBytes(24).toString('base64url'));
    await verify(await decoy, input).catch(() => false);
    return false;
  }
  try {
    return (await verify(stored, input)) && input !== '';
  } catch {
    return false; // a damaged stored hash never lets anyone in
  }
}
