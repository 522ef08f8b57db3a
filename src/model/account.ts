/** Accounts, sessions, API tokens and registered probes: who may read drafts, edit, review and submit. */

/** One role per user (issue 13): viewer reads drafts, analyst edits them, reviewer returns or publishes, admin runs the place. */
export const ROLES = ['viewer', 'analyst', 'reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What a token may be scoped to: a user's role, or `probe` (submits measurements and nothing else). */
export type TokenRole = Role | 'probe';

/** The rights the routes and commands ask for; which role has which is data (src/auth/roles.ts). */
export const PERMISSIONS = [
  'read_drafts',
  'edit_drafts',
  'submit_review',
  'review',
  'read_audit',
  'manage_tokens',
  'manage_users',
  'manage_probes',
  'submit_measurements',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** A person with an account. The password is kept only as an argon2id hash. */
export interface User {
  name: string;
  role: Role;
  /** Countries this user may act on (ISO 3166-1 alpha-2); empty means every country. */
  countries: string[];
  passwordHash: string;
  disabled: boolean;
  createdAt: string;
  /** When the password was last set: sessions from before it are void. */
  passwordChangedAt: string;
}

/** A signed-in browser: the cookie holds a random secret, the store only its SHA-256. */
export interface Session {
  /** SHA-256 of the cookie's secret (hex): the store never holds the secret itself. */
  idHash: string;
  user: string;
  createdAt: string;
  lastSeenAt: string;
  revokedAt: string | null;
}

/** A credential for scripts and probes: shown once, kept hashed, scoped, revocable. */
export interface ApiToken {
  /** Public id (`tok_…`), the prefix of the token itself, so that it can be found and revoked by name. */
  id: string;
  /** SHA-256 of the whole token (hex). */
  hash: string;
  label: string;
  /** The user it acts for, or null for a probe's token. */
  user: string | null;
  /** The registered probe it belongs to, or null. */
  probe: string | null;
  role: TokenRole;
  /** Countries it may act on; empty means every country its owner may act on. */
  countries: string[];
  createdAt: string;
  createdBy: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** A probe registered by an admin: its submissions are stored with its id and count as trusted. */
export interface Probe {
  /** `probe-…`, stored with every measurement it submits (never its address). */
  id: string;
  name: string;
  createdAt: string;
  createdBy: string;
  disabled: boolean;
}

/** How the acting party came in: a signed-in session, an API token, or the command line on the machine itself. */
export type PrincipalKind = 'session' | 'token' | 'local';

/** Whoever makes a request or runs a command, with what they may do. */
export interface Principal {
  kind: PrincipalKind;
  /** The user's name (or the OS user's, for `local`); a probe token's probe id. */
  name: string;
  role: TokenRole;
  /** Empty means every country. */
  countries: string[];
  /** The token's id when `kind` is `token`. */
  tokenId?: string;
  /** The probe's id when the token is a probe's. */
  probeId?: string;
}

/** How the audit log and the review history name an actor: `alice`, `alice (token tok_ab12)`, `root (local)`. */
export function actorName(p: Principal): string {
  if (p.kind === 'local') return `${p.name} (local)`;
  if (p.kind === 'token') return `${p.name} (token ${p.tokenId ?? '?'})`;
  return p.name;
}
