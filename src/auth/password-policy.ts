/** What a password must be: 12 characters or more, not in the bundled list of common passwords, not the name. */
import { readFileSync } from 'node:fs';
import { InvalidInputError } from '../shared/errors.js';
import { dataPath } from '../shared/paths.js';
import { PASSWORD } from './auth-policy.js';

/** data/passwords/common-passwords.txt (SOURCE.md there), lower case. */
export const COMMON_PASSWORDS_PATH = dataPath('passwords', 'common-passwords.txt');

let common: Set<string> | undefined;

function commonPasswords(): Set<string> {
  common ??= new Set(
    readFileSync(COMMON_PASSWORDS_PATH, 'utf8')
      .split('\n')
      .filter((line) => line !== ''),
  );
  return common;
}

/** Refuses a password that breaks a rule, saying which (never echoing the password). */
export function checkPassword(password: string, userName: string): void {
  const length = [...password].length;
  if (length < PASSWORD.minLength)
    throw new InvalidInputError(
      `a password needs at least ${PASSWORD.minLength} characters (this one has ${length})`,
    );
  if (length > PASSWORD.maxLength)
    throw new InvalidInputError(`a password may have at most ${PASSWORD.maxLength} characters`);
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower))
    throw new InvalidInputError('this password is in the list of common passwords: choose another');
  if (lower.includes(userName.toLowerCase()))
    throw new InvalidInputError('a password may not contain the user name');
}
