/** Which role may do what, as data, and the checks every route and command makes with it. */
import type { Permission, Principal, Role, TokenRole } from '../model/account.js';
import { ForbiddenError, UnauthorizedError } from '../shared/errors.js';

/** The rights of each role. Public readers need no account: published data stays open. */
export const ROLE_PERMISSIONS: Record<TokenRole, readonly Permission[]> = {
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
  probe: ['submit_measurements'],
};

/** Whether `p` may do `permission`, on `country` when the action concerns one. */
export function may(p: Principal | null, permission: Permission, country?: string): boolean {
  if (!p || !ROLE_PERMISSIONS[p.role].includes(permission)) return false;
  return country === undefined || p.countries.length === 0 || p.countries.includes(country);
}

/** The principal when it may; 401 without credentials, 403 when the role or the countries do not allow it. */
export function requirePermission(p: Principal | null, permission: Permission, country?: string): Principal {
  if (!p) throw new UnauthorizedError('sign in (or send an API token) to do this');
  if (!ROLE_PERMISSIONS[p.role].includes(permission))
    throw new ForbiddenError(`a ${p.role} may not do this (${permission.replace(/_/g, ' ')})`);
  if (!may(p, permission, country))
    throw new ForbiddenError(`you may not act on ${country}: your countries are ${p.countries.join(', ')}`);
  return p;
}

/** A token's role may not grant more than its owner's: every permission of `tokenRole` is one of `owner`'s. */
export function roleWithin(owner: Role, tokenRole: TokenRole): boolean {
  return ROLE_PERMISSIONS[tokenRole].every((perm) => ROLE_PERMISSIONS[owner].includes(perm));
}

/** A scope's countries within the owner's (an owner with none listed has every country). */
export function countriesWithin(owner: readonly string[], scoped: readonly string[]): boolean {
  if (owner.length === 0) return true;
  return scoped.length > 0 && scoped.every((c) => owner.includes(c));
}
