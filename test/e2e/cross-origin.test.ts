/**
 * A page of another site, opened in real Chromium, tries to make the browser submit a measurement to a local
 * netfreedom server (no-cors fetch with a safelisted type, a text/plain form built to carry JSON, a JSON fetch
 * that needs a preflight): nothing is stored.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Dashboard, startDashboard } from './dashboard-fixture.js';

const MEASUREMENT = {
  test_name: 'web_connectivity',
  probe_cc: 'KZ',
  probe_asn: 'AS64500',
  measurement_start_time: '2024-06-01 10:00:00',
  input: 'https://rus.azattyq.org/',
  test_keys: { blocking: 'http-diff', accessible: false },
};

/** The attacker's page: three fetches to `target`, then a form that navigates there (window.results before). */
function attackerPage(target: string): string {
  const json = JSON.stringify(MEASUREMENT);
  // A text/plain form sends "name=value": a name holding the JSON but its last quote, and a value closing it.
  const name = `${json.slice(0, -2)},"pad":"`;
  return `<!doctype html><html><body>
<form id="f" method="POST" action="${target}" enctype="text/plain">
<input type="hidden" name='${name.replace(/'/g, '&#39;')}' value='"}'></form>
<script>
const body = ${JSON.stringify(json)};
const tries = [
  fetch(${JSON.stringify(target)}, { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain; x=json' }, body }),
  fetch(${JSON.stringify(target)}, { method: 'POST', mode: 'no-cors', body }),
  fetch(${JSON.stringify(target)}, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body }),
].map((p) => p.then(() => 'sent', (e) => 'refused: ' + e.message));
Promise.all(tries).then((r) => { window.results = r; document.title = 'fetched'; });
window.sendForm = () => document.getElementById('f').submit();
</script></body></html>`;
}

let d: Dashboard;
let attacker: Server;
let attackerUrl: string;

beforeAll(async () => {
  d = await startDashboard([]);
  attacker = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(attackerPage(`${d.url}/api/v1/measurements`));
  });
  await new Promise<void>((r) => attacker.listen(0, '127.0.0.1', r));
  const { port } = attacker.address() as { port: number };
  // Another origin: same address, another port (and another host name, as a browser sees it).
  attackerUrl = `http://localhost:${port}/`;
}, 60_000);

afterAll(async () => {
  await new Promise<void>((r) => attacker.close(() => r()));
  await d?.stop();
});

describe('submissions from another site', () => {
  it("store nothing, whichever way the other site's page sends them", async () => {
    const page = await d.browser.newPage();
    try {
      await page.goto(attackerUrl);
      await page.waitForFunction("document.title === 'fetched'", null, { timeout: 20_000 });
      const results = (await page.evaluate('window.results')) as string[];
      // The two no-cors requests did reach the server (opaque answers); the JSON one died in its preflight.
      expect(results.slice(0, 2)).toEqual(['sent', 'sent']);
      expect(results[2]).toMatch(/^refused/);
      expect(await d.store.measurements.count({ includeSimulated: true })).toBe(0);
      // The form navigates to the API's answer: the refusal.
      await Promise.all([page.waitForURL(/\/api\/v1\/measurements$/), page.evaluate('window.sendForm()')]);
      expect(await page.textContent('body')).toContain('FORBIDDEN');
      expect(await d.store.measurements.count({ includeSimulated: true })).toBe(0);
    } finally {
      await page.close();
    }
  });
});
