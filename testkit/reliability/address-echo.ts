/** The privacy test's network: a site that echoes the probe's address back, and a control front that reports it. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CLIENT_IP_HEADER } from '../../src/control/control-server.js';
import { PROBE_IP, SPELLINGS } from './planted-address.js';

export interface Running {
  url: string;
  close(): Promise<void>;
}

async function listen(server: http.Server): Promise<Running> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * A site that, like many real ones ("your IP is …"), writes its visitor's address back: `/` redirects to a URL
 * carrying it, and `/landing` has it in the title, a cookie, a header and every spelling in the body.
 */
export function startEchoingSite(): Promise<Running> {
  return listen(
    http.createServer((req, res) => {
      if (!req.url?.startsWith('/landing')) {
        res.writeHead(302, { location: `/landing?client=${PROBE_IP}&rdns=${SPELLINGS[1]}.dyn.example` });
        return res.end();
      }
      res.writeHead(200, {
        'content-type': 'text/html',
        'x-forwarded-for': PROBE_IP,
        'set-cookie': `visitor=${SPELLINGS[6]}; Path=/`,
      });
      res.end(
        `<html><head><title>Your IP is ${PROBE_IP}</title></head><body>${SPELLINGS.join(' ')}</body></html>`,
      );
    }),
  );
}

/**
 * A front for a control running on loopback: forwards each THRequest and answers the control's response with
 * the probe's address in the client-address header, as a control on the internet would see the probe.
 */
export function startControlFront(controlUrl: string): Promise<Running> {
  return listen(
    http.createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const answer = await fetch(controlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: Buffer.concat(chunks),
      });
      const body = Buffer.from(await answer.arrayBuffer());
      res.writeHead(answer.status, { 'content-type': 'application/json', [CLIENT_IP_HEADER]: PROBE_IP });
      res.end(body);
    }),
  );
}
