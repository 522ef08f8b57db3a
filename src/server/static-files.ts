/** Serves the built dashboard (web/dist): files as they are (hashed assets cached for a year), app routes get index.html. */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context } from 'hono';

/** web/dist, from src/server or dist/server alike. */
export const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Answers a GET for the dashboard; `null` when the dashboard was not built. */
export async function serveDashboard(c: Context, root = WEB_DIST): Promise<Response | null> {
  const path = decodeSafe(c.req.path);
  if (path !== null && path !== '/' && extname(path)) {
    const file = normalize(join(root, path));
    // Never leave the dist folder, whatever the path says.
    if (file.startsWith(root.endsWith(sep) ? root : root + sep) && (await isFile(file))) {
      const immutable = path.startsWith('/assets/');
      return c.body(await readFile(file), 200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
      });
    }
    // Missing assets are 404s; other dotted paths (/domain/meduza.io) are app routes.
    if (path.startsWith('/assets/')) return null;
  }
  const index = join(root, 'index.html');
  if (!(await isFile(index))) return null;
  return c.body(await readFile(index), 200, {
    'Content-Type': TYPES['.html']!,
    'Cache-Control': 'no-cache',
  });
}

function decodeSafe(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
