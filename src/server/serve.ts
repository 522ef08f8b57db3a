/** Starts the HTTP server on a port; the process owns the store while it runs. */
import { serve as serveNode } from '@hono/node-server';
import { joinHostPort } from '../shared/host-port.js';
import type { AppDeps } from './app.js';
import { createApp } from './app.js';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export function startServer(deps: AppDeps, port: number, host = '127.0.0.1'): Promise<RunningServer> {
  const app = createApp(deps);
  return new Promise((resolve, reject) => {
    const server = serveNode({ fetch: app.fetch, port, hostname: host }, (info) => {
      resolve({
        url: `http://${joinHostPort(host, info.port)}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
    server.once('error', reject);
  });
}
