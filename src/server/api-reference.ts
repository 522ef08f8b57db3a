/**
 * The readable API reference at /api/docs: Swagger UI (the `swagger-ui-dist` package, served from this server, no
 * CDN) rendering the OpenAPI document at /api/openapi.json. No inline script, so the server's CSP holds.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Hono } from 'hono';

const require = createRequire(import.meta.url);
const SWAGGER_DIR = dirname(require.resolve('swagger-ui-dist/package.json'));

/** The files of the package the page loads, by the name they are served under. */
const PACKAGE_FILES: Record<string, { file: string; type: string }> = {
  'swagger-ui.css': { file: 'swagger-ui.css', type: 'text/css; charset=utf-8' },
  'swagger-ui-bundle.js': { file: 'swagger-ui-bundle.js', type: 'text/javascript; charset=utf-8' },
};

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>netfreedom API reference</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
</head>
<body>
<p style="font-family: sans-serif; margin: 1rem 2rem">
  netfreedom API. The OpenAPI 3.1 document: <a href="/api/openapi.json">/api/openapi.json</a> ·
  <a href="/">dashboard</a>
</p>
<div id="reference"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/reference.js"></script>
</body>
</html>
`;

/** Starts Swagger UI on the document; "try it out" stays available for GET requests only. */
const START = `window.addEventListener('load', function () {
  window.SwaggerUIBundle({
    url: '/api/openapi.json',
    dom_id: '#reference',
    deepLinking: true,
    supportedSubmitMethods: ['get'],
    validatorUrl: null,
  });
});
`;

/** Registers /api/docs (the page) and the files it loads. */
export function apiReference(app: Hono): void {
  app.get('/api/docs', (c) => c.html(PAGE));
  app.get('/api/docs/reference.js', (c) =>
    c.body(START, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }),
  );
  app.get('/api/docs/:file', async (c) => {
    const entry = PACKAGE_FILES[c.req.param('file')];
    if (!entry) return c.json({ error: { code: 'NOT_FOUND', message: 'no such file' } }, 404);
    const body = await readFile(join(SWAGGER_DIR, entry.file));
    return c.body(body, 200, { 'Content-Type': entry.type, 'Cache-Control': 'public, max-age=86400' });
  });
}
