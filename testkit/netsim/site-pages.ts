/** What the simulated web servers answer: ordinary pages, quirky sites and hostile peers, by kind. */
import type http from 'node:http';

export type PageSpec =
  | { kind: 'page'; title: string }
  | { kind: 'captcha' }
  /** This HTML as it is (a small local page, a blockpage). */
  | { kind: 'html'; body: string }
  | { kind: 'large'; bytes: number }
  | { kind: 'redirect'; to: string }
  /** httpbin-like: /redirect/N, /broken-redirect-http(s), else a page. */
  | { kind: 'httpbin' }
  /** Hostile peers. */
  | { kind: 'endless' }
  | { kind: 'trickle'; intervalMs: number }
  | { kind: 'reset-mid-body' }
  | { kind: 'lying-length' }
  | { kind: 'redirect-forever' }
  | { kind: 'huge-headers' };

/** A page whose title and uncommon header make OONI's title/header comparisons meaningful. */
export function pageHtml(title: string, host: string): string {
  const filler = `<p>${title} is served by the netfreedom simulation for ${host}.</p>\n`.repeat(40);
  return `<!doctype html><html><head><title>${title}</title></head><body><h1>${title}</h1>\n${filler}</body></html>\n`;
}

// The benchmark asks the same few pages thousands of times: build and encode each once.
const pages = new Map<string, Buffer>();
function pageBytes(title: string, host: string): Buffer {
  const key = `${title}\n${host}`;
  let bytes = pages.get(key);
  if (!bytes) {
    if (pages.size >= 1000) pages.clear(); // hosts come from requests: keep the cache bounded
    bytes = Buffer.from(pageHtml(title, host));
    pages.set(key, bytes);
  }
  return bytes;
}

const CAPTCHA = `<!doctype html><html><head><title>Just a moment...</title></head><body>Checking your browser before accessing the website. Please complete the security check.</body></html>`;

/** Serves `spec` on `res` for a request to `host`. */
export function servePage(
  spec: PageSpec,
  host: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): void {
  const html = (status: number, body: string | Buffer, extra: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'x-simulated-site': host, ...extra });
    res.end(body);
  };
  const path = req.url ?? '/';
  switch (spec.kind) {
    case 'page':
      return void html(200, pageBytes(spec.title, host));
    case 'html':
      return void html(200, spec.body);
    case 'captcha':
      return void html(403, CAPTCHA, { 'cf-mitigated': 'challenge' });
    case 'large': {
      res.writeHead(200, {
        'content-type': 'application/octet-stream',
        'content-length': spec.bytes,
        'x-simulated-site': host,
      });
      const block = Buffer.alloc(64 * 1024, 0x61);
      let left = spec.bytes;
      const pump = () => {
        while (left > 0) {
          const piece = block.subarray(0, Math.min(block.length, left));
          left -= piece.length;
          if (!res.write(piece)) return void res.once('drain', pump);
        }
        res.end();
      };
      return void pump();
    }
    case 'redirect':
      return void html(302, '', { location: spec.to });
    case 'httpbin': {
      const m = /^\/redirect\/(\d+)/.exec(path);
      if (m) {
        const n = Number(m[1]);
        return void html(302, '', { location: n > 1 ? `/redirect/${n - 1}` : '/get' });
      }
      if (path.startsWith('/broken-redirect-https')) return void html(302, '', { location: 'https://' });
      if (path.startsWith('/broken-redirect-http')) return void html(302, '', { location: 'http://' });
      return void html(200, pageBytes('httpbin', host));
    }
    case 'endless': {
      res.writeHead(200, { 'content-type': 'text/html' });
      const block = Buffer.alloc(16 * 1024, 0x62);
      const pump = () => {
        while (!res.destroyed) if (!res.write(block)) return void res.once('drain', pump);
      };
      res.on('close', () => {});
      return void pump();
    }
    case 'trickle': {
      res.writeHead(200, { 'content-type': 'text/html' });
      const timer = setInterval(
        () => (res.destroyed ? clearInterval(timer) : res.write('a')),
        spec.intervalMs,
      );
      res.on('close', () => clearInterval(timer));
      return;
    }
    case 'reset-mid-body': {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': 100_000 });
      res.write(Buffer.alloc(20_000, 0x63));
      setTimeout(() => res.socket?.resetAndDestroy(), 20);
      return;
    }
    case 'lying-length': {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': 50_000 });
      res.write('<html><title>short</title>');
      setTimeout(() => res.socket?.end(), 20);
      return;
    }
    case 'redirect-forever': {
      const n = Number(/\/(\d+)$/.exec(path)?.[1] ?? 0);
      return void html(302, '', { location: `/loop/${n + 1}` });
    }
    case 'huge-headers': {
      res.writeHead(
        200,
        Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`x-h${i}`, 'z'.repeat(200)])),
      );
      return void res.end('x');
    }
  }
}
