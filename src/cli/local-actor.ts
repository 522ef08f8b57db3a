/**
 * Who acts when a write command runs on the machine itself: `--as NAME`, else the OS user, marked `(local)` in
 * the audit log. Whoever runs the command owns the store file, so this records a name, it does not check one.
 */
import { userInfo } from 'node:os';
import type { Acting } from '../model/audit.js';
import type { OptionTable } from './option-table.js';

export interface AsOption {
  as?: string;
}

export const AS_OPTION: OptionTable<AsOption> = {
  as: {
    flags: '--as <name>',
    description:
      'the user acting, for the audit log and the review workflow (default: the OS user, marked local)',
  },
};

function osUser(): string {
  try {
    return userInfo().username || 'local';
  } catch {
    return 'local';
  }
}

/** The acting context of a command-line write. */
export function localActing(opts: AsOption): Acting {
  const person = (opts.as ?? osUser()).trim() || 'local';
  return { actor: `${person} (local)`, person, requestId: null, now: () => new Date() };
}
