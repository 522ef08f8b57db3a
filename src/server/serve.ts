/** Starts the HTTP server on a port; the process owns the store while it runs. */
import { serve as serveNode } from '@hono/node-server';
import { joinHostPort } from '../shared/host-port.js';
import type { AppDeps } from './app.js';
import { createApp } from './app.js';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** A bound port that answers 503 until `serve` hands it the app. */
export interface ListeningServer extends RunningServer {
  serve(deps: AppDeps): RunningServer;
}

type Fetch = Parameters<typeof serveNode>[0]['fetch'];

const starting: Fetch = () =>
  new Response(
    JSON.stringify({ error: { code: 'STARTING', message: 'the server is starting; retry shortly' } }),
    {
      status: 503,
      headers: { 'Content-Type': 'application/json', 'Retry-After': '5' },
    },
  );

/**
 * Binds `host:port` before anything else is done, so that a busy port is known before a store is opened or
 * seeded and nobody can take the port meanwhile. Rejects with Node's error (`code` EADDRINUSE, EACCES, ...).
 */
export function listen(port: number, host = '127.0.0.1'): Promise<ListeningServer> {
  let fetch = starting;
  return new Promise((resolve, reject) => {
    const server = serveNode({ fetch: (...args) => fetch(...args), port, hostname: host }, (info) => {
      const running: RunningServer = {
        url: `http://${joinHostPort(host, info.port)}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      };
      resolve({
        ...running,
        serve(deps) {
          fetch = createApp(deps).fetch as Fetch;
          return running;
        },
      });
    });
    server.once('error', reject);
  });
}

export async function startServer(deps: AppDeps, port: number, host = '127.0.0.1'): Promise<RunningServer> {
  return (await listen(port, host)).serve(deps);
}
