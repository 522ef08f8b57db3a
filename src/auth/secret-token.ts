/** Random secrets for session cookies and API tokens, and the SHA-256 under which the store keeps them. */
import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes, base64url: enough that guessing one is hopeless, so a fast hash is the right one to keep. */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** The hex SHA-256 of a secret: what the store holds instead of the secret. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** A short random id (`tok_…`, `probe-…`). */
export function randomId(prefix: string): string {
  return `${prefix}${randomBytes(6).toString('hex')}`;
}
