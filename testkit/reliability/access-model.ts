/**
 * What each kind of caller may do with a route, written out from the README's table of roles rather than read from
 * `src/auth/roles.ts`: an oracle of its own, so a change that widens a role fails the authorization matrix.
 */

/** A caller of the matrix: who it acts as and how it presents itself. */
export interface Caller {
  label: string;
  /** `invalid`: a revoked, unknown or disabled user's token, refused on every route. */
  kind: 'anonymous' | 'token' | 'session' | 'invalid';
  role: 'viewer' | 'analyst' | 'reviewer' | 'admin' | 'probe' | null;
  /** The countries it may act on; none listed: every country. */
  countries: string[];
}

/** The rights of each role as the README states them (viewer < analyst; reviewer; admin: everything). */
const RIGHTS: Record<string, readonly string[]> = {
  viewer: ['read_drafts', 'read_audit'],
  analyst: ['read_drafts', 'read_audit', 'edit_drafts', 'submit_review'],
  reviewer: ['read_drafts', 'read_audit', 'review'],
  admin: [
    'read_drafts',
    'read_audit',
    'edit_drafts',
    'submit_review',
    'review',
    'manage_tokens',
    'manage_users',
    'manage_probes',
  ],
  probe: [],
};

/** The answer a caller must get: `allowed` (the route runs), 401 or 403. */
export type Expected = 'allowed' | 401 | 403;

/**
 * The expected answer for `caller` on a route with `permission` (`public`, `person` or a right) concerning
 * `country` (null when it concerns none).
 */
export function expectedAccess(caller: Caller, permission: string, country: string | null): Expected {
  if (caller.kind === 'invalid') return 401;
  if (permission === 'public') return 'allowed';
  if (caller.kind === 'anonymous' || caller.role === null) return 401;
  if (permission === 'person') return caller.role === 'probe' ? 403 : 'allowed';
  if (!RIGHTS[caller.role]!.includes(permission)) return 403;
  if (country !== null && caller.countries.length > 0 && !caller.countries.includes(country)) return 403;
  return 'allowed';
}

/**
 * Whether an answer meets the expectation: a refusal exactly; an allowed read 200 (its parameters name real
 * records), an allowed write anything but 401, 403 or a server error (its body is empty on purpose, so nothing
 * is changed: 400, 404 and 409 show that the handler ran).
 */
export function meets(expected: Expected, method: string, status: number): boolean {
  if (expected !== 'allowed') return status === expected;
  if (method === 'GET') return status === 200;
  return status !== 401 && status !== 403 && status < 500;
}
