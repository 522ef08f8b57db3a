/** The address of the peer a request came from, as the Node server saw its socket (never stored). */
import type { Context } from 'hono';

/** The socket's remote address, or null when the request did not come over a socket (`app.request` in tests). */
export function peerAddress(c: Context): string | null {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? null;
}
