/**
 * A current ClickHouse (26.x, embedded by the `chdb` package) behind the part of ClickHouse's HTTP interface the
 * store's client uses (`/ping`, a query in the body or in `?query=` followed by its data), so that the ClickHouse
 * store runs unchanged against it: the store's tests run on Debian's 18.16 server and on this engine.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from 'chdb';

export interface ChdbServer {
  url: string;
  /** The engine's version, as `SELECT version()` gives it. */
  version: string;
  stop(): Promise<void>;
}

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The settings the client passes as URL parameters, as a SETTINGS clause (an INSERT's goes before its FORMAT). */
function withSettings(sql: string, params: URLSearchParams): string {
  const known = new Set([
    'query',
    'query_id',
    'database',
    'default_format',
    'session_id',
    'wait_end_of_query',
  ]);
  const settings = [...params].filter(([k]) => !known.has(k)).map(([k, v]) => `${k} = ${Number(v)}`);
  if (settings.length === 0) return sql;
  return sql.replace(/(\s+FORMAT\s+\w+\s*)$|$/i, ` SETTINGS ${settings.join(', ')}$1`);
}

/**
 * Starts one chdb session (a data directory of its own) and an HTTP server in front of it on 127.0.0.1. Queries run
 * one at a time, in order (the session is one connection), off the event loop.
 */
export async function startChdb(): Promise<ChdbServer> {
  const dir = mkdtempSync(join(tmpdir(), 'nf-chdb-'));
  const session = new Session(dir);
  let queue: Promise<unknown> = Promise.resolve();
  const run = (sql: string) => {
    const next = queue.then(() => session.queryAsync(sql, { format: 'TabSeparated' }));
    queue = next.catch(() => undefined);
    return next;
  };
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/ping') {
      res.end('Ok.\n');
      return;
    }
    try {
      const text = await body(req);
      const inUrl = url.searchParams.get('query');
      // An INSERT names itself in the URL and sends its rows as the body; anything else is the body.
      const sql = inUrl === null ? withSettings(text, url.searchParams) : `${inUrl}\n${text}`;
      const result = await run(sql);
      res.setHeader('Content-Type', 'text/plain; charset=UTF-8');
      res.end(Buffer.from(result.bytes()));
    } catch (err) {
      const message = (err as Error).message;
      const code = /Code: (\d+)/.exec(message)?.[1] ?? '1000';
      res.statusCode = 500;
      res.setHeader('X-ClickHouse-Exception-Code', code);
      res.end(message.includes('Code:') ? message : `Code: ${code}. DB::Exception: ${message}`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const version = String((await run('SELECT version()')).text()).trim();
  return {
    url: `http://127.0.0.1:${port}`,
    version,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await queue;
      session.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
