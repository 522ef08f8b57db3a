import { describe, expect, it } from 'vitest';
import { checkPasswordHash, hashPassword } from './password-hash.js';
import { checkPassword } from './password-policy.js';

describe('password policy', () => {
  it('refuses short, common (any case) and name-containing passwords, and takes a long unusual one', () => {
    expect(() => checkPassword('elevenchars', 'alice')).toThrow('at least 12 characters (this one has 11)');
    // Characters, not UTF-16 units: twelve Cyrillic letters pass the length rule.
    expect(() => checkPassword('жылқыжылқыжы', 'alice')).not.toThrow();
    for (const common of ['qwerty123456', 'QWERTY123456', '1qaz2wsx3edc'])
      expect(() => checkPassword(common, 'alice')).toThrow('list of common passwords');
    expect(() => checkPassword('my name is alice!!', 'alice')).toThrow('may not contain the user name');
    expect(() => checkPassword('x'.repeat(257), 'alice')).toThrow('at most 256');
    expect(() => checkPassword('correct horse battery staple', 'alice')).not.toThrow();
  });

  it('hashes with argon2id and its parameters, and checks against the hash only', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await checkPasswordHash(hash, 'correct horse battery staple')).toBe(true);
    expect(await checkPasswordHash(hash, 'correct horse battery stapl')).toBe(false);
    expect(await checkPasswordHash('not a hash', 'anything at all')).toBe(false);
    expect(await checkPasswordHash(null, 'correct horse battery staple')).toBe(false);
  });
});
