/** The PDF printer opens no connection, whatever the HTML asks for: its Chromium is no way into the server's network. */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPdf } from '../../src/report/index.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
let server: net.Server;
const reached: string[] = [];

beforeAll(async () => {
  server = net.createServer((socket) => {
    reached.push('connection');
    socket.on('data', (d) => reached.push(String(d).split('\r\n')[0]!));
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('renderPdf offline', () => {
  it('prints HTML full of references to a local listener without one connection reaching it', async () => {
    const u = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
    // Each element makes Chromium fetch or connect; preconnect and prefetch escaped the page's request routing.
    // (No meta refresh: a navigation while printing makes Chromium fail to print, whatever the network does.)
    const html = `<!doctype html><html><head><link rel="preconnect" href="${u}/"><link rel="dns-prefetch" href="${u}/">
<link rel="prefetch" href="${u}/prefetch"><link rel="preload" as="image" href="${u}/preload">
<link rel="stylesheet" href="${u}/style.css"><style>@import url(${u}/import.css); body{background:url(${u}/bg.png)}
@font-face{font-family:x;src:url(${u}/font.woff)} p{font-family:x}</style></head><body><p>x</p><img src="${u}/img.png">
<iframe src="${u}/frame"></iframe><object data="${u}/object"></object><video poster="${u}/poster.png"></video>
</body></html>`;
    const { pdf } = await renderPdf(html, { executablePath: CHROMIUM, footer: 'offline' });
    expect(Buffer.from(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    await new Promise((resolve) => setTimeout(resolve, 500)); // a late preconnect would land by now
    expect(reached).toEqual([]);
  }, 60_000);
});
