/** Signing in and out, who is signed in, and an assessment's revision: the dashboard's calls that need an account. */
import { ApiError, apiUrl } from './client.js';
import type { Principal, Revision } from './types.js';

async function send<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    // Same origin: the browser sends the session cookie and the Origin header the server's CSRF check reads.
    res = await fetch(apiUrl(path), {
      method,
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch (err) {
    throw new ApiError(0, 'NETWORK', err instanceof Error ? err.message : String(err));
  }
  if (!res.ok) {
    const answer = (await res.json().catch(() => null)) as {
      error?: { code: string; message: string };
    } | null;
    throw new ApiError(res.status, answer?.error?.code ?? 'HTTP', answer?.error?.message ?? res.statusText);
  }
  return (await res.json()) as T;
}

export const accountApi = {
  signIn: (name: string, password: string) =>
    send<{ user: Principal; expires_at: string }>('POST', '/auth/login', { name, password }),
  signOut: () => send<{ done: string }>('POST', '/auth/logout', {}),
  /** Who is signed in, or null. */
  me: () =>
    send<Principal>('GET', '/auth/me').catch((err: unknown) => {
      if (err instanceof ApiError && err.status === 401) return null;
      throw err;
    }),
  revision: (cc: string, edition: number) =>
    send<Revision>('GET', `/assessments/${encodeURIComponent(cc)}/${edition}/revision`),
};
