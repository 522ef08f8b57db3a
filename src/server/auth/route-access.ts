/**
 * Who may use a route, declared in its spec (`auth`), checked by the router before the handler runs: a write
 * route that does not say is refused when the route table is built, so none can skip the check.
 */
import type { Context } from 'hono';
import { requirePermission } from '../../auth/roles.js';
import type { Permission, Principal } from '../../model/account.js';
import { ForbiddenError, UnauthorizedError } from '../../shared/errors.js';

/**
 * `public`: anyone (every read of published data; a write only for sign-in and measurement submission);
 * `person`: any signed-in person (a session or a user's token, not a probe's token);
 * a permission: a role that has it (src/auth/roles.ts), on the country in the path parameter `countryParam`.
 */
export type RouteAccess = 'public' | 'person' | { permission: Permission; countryParam?: string };

declare module 'hono' {
  interface ContextVariableMap {
    /** Who the request acts as (null: anonymous), set by the authenticate middleware. */
    principal: Principal | null;
    /** This request's id, in the X-Request-Id header and the audit log. */
    requestId: string;
  }
}

/** The principal of the request, null when anonymous. */
export function principalOf(c: Context): Principal | null {
  return c.get('principal') ?? null;
}

/** Before parsing: 401 without credentials, 403 for a role that may not (the country is checked after parsing). */
export function checkRole(access: RouteAccess, p: Principal | null): void {
  if (access === 'public') return;
  if (access === 'person') {
    if (!p) throw new UnauthorizedError('sign in (or send an API token) to do this');
    if (p.role === 'probe') throw new ForbiddenError("a probe's token may only submit measurements");
    return;
  }
  requirePermission(p, access.permission);
}

/** After parsing: the country in the path must be one of the principal's. */
export function checkCountry(access: RouteAccess, p: Principal | null, params: unknown): void {
  if (typeof access !== 'object' || !access.countryParam) return;
  const country = (params as Record<string, unknown>)[access.countryParam];
  requirePermission(p, access.permission, typeof country === 'string' ? country : undefined);
}

/** How the OpenAPI document describes it (`x-access`). */
export function accessText(access: RouteAccess): string {
  if (typeof access === 'string') return access;
  return access.countryParam ? `${access.permission} (on {${access.countryParam}})` : access.permission;
}
