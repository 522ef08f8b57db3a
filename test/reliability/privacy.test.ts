/** A probe's own address never kept: planted everywhere in a probe run, an ingest and a submission, then searched for in the store, logs and exports. */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { dataPath } from '../../src/shared/paths.js';
import { rawText } from '../../src/store/measurement-store.js';
import { openStore } from '../../src/store/open-store.js';
import { startControlFront, startEchoingSite } from '../../testkit/reliability/address-echo.js';
import { type Figure, none, recordFigures, sized } from '../../testkit/reliability/figures.js';
import { occurrences, PROBE_IP, plantAddress } from '../../testkit/reliability/planted-address.js';
import { BIN, runCli, startCli, stopCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'netfreedom-privacy-'));
const db = join(dir, 'store.duckdb');
const figures: Figure[] = [];
/** Where each text came from → the excerpts of the address found in it. */
const found = new Map<string, string[]>();
let texts = 0;

/** Searches `text` for the address and remembers where it was found. */
function search(where: string, text: string): void {
  texts++;
  const hits = occurrences(text);
  if (hits.length) found.set(where, [...(found.get(where) ?? []), ...hits]);
}

afterAll(async () => {
  await recordFigures('privacy', figures);
  rmSync(dir, { recursive: true, force: true });
});

/** The OONI spec's web_connectivity sample as measurement `n` of a KZ probe, its address planted everywhere. */
function planted(n: number): { doc: Record<string, unknown>; planted: number } {
  const sample = JSON.parse(
    readFileSync(
      dataPath('ooni', 'measurements', 'ooni-spec', 'ts-017-web-connectivity.example-output-sample.json'),
      'utf8',
    ),
  ) as Record<string, unknown>;
  const start = `2024-06-01 10:${String(Math.floor(n / 60) % 60).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}`;
  return plantAddress({ ...sample, probe_cc: 'KZ', probe_asn: 'AS9198', measurement_start_time: start });
}

describe('privacy: the probe address is kept nowhere', () => {
  it('leaves no trace of a planted probe address in the store, the logs or any export', async () => {
    const records = sized(20, 200);
    let fieldsPlanted = 0;
    const lines: string[] = [];
    for (let n = 0; n < records; n++) {
      const m = planted(n);
      fieldsPlanted += m.planted;
      lines.push(JSON.stringify(m.doc));
    }
    // One whose input (the URL measured) names the address: the input and domain columns come from it.
    const withInput = planted(records + 2);
    lines.push(JSON.stringify({ ...withInput.doc, input: `http://${PROBE_IP}/?from=${PROBE_IP}` }));
    fieldsPlanted += withInput.planted + 1;
    // One refused record whose bad field holds the address: the refusal must not quote it.
    lines.push(JSON.stringify({ ...planted(records).doc, measurement_start_time: `at ${PROBE_IP}` }));
    const file = join(dir, 'planted.jsonl');
    writeFileSync(file, `${lines.join('\n')}\n`);

    // 1. The command-line ingest.
    const ingest = await runCli(['ingest', file, '--db', db]);
    expect(ingest.code, ingest.stderr).toBe(4); // done, with the one rejection
    search('ingest output', ingest.stdout + ingest.stderr);

    // 2. The server, a probe run submitting to it, and a submission over the API.
    const server = await startCli(['serve', '--port', '0', '--db', db], /netfreedom serving (http:\S+?)\/ /);
    const api = /netfreedom serving (http:\S+?)\/ /.exec(server.stderr())![1]!;
    const site = await startEchoingSite();
    const control = await startCli(
      ['control', '--listen', '127.0.0.1:0', '--allow-private'],
      /listening on http/,
    );
    const controlUrl = /listening on (http:\/\/\S+?);/.exec(control.stderr())![1]!;
    const front = await startControlFront(controlUrl);
    try {
      const out = join(dir, 'probe.jsonl');
      const queue = join(dir, 'queue');
      const probe = await runCli([
        'probe', `${site.url}/`, '--control', `${front.url}/`, '--output', out, '--submit', api,
        '--queue', queue, '--udp-resolver', 'none', '--probe-cc', 'KZ', '--probe-asn', 'AS9198',
        '--step-timeout', '2000', '--json',
      ]); // biome-ignore format: argv
      expect(probe.code, probe.stderr).toBe(0);
      search('probe output', probe.stdout + probe.stderr);
      const measured = JSON.parse(readFileSync(out, 'utf8').trim().split('\n')[0]!);
      // The site did echo the address (the probe saw it), so its absence below is the scrubbing's doing.
      expect(JSON.stringify(measured)).toContain('[scrubbed]');
      fieldsPlanted += 1;

      const submitted = planted(records + 1);
      fieldsPlanted += submitted.planted;
      const res = await fetch(`${api}/api/v1/measurements`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': PROBE_IP },
        body: JSON.stringify(submitted.doc),
      });
      search('submission answer', await res.text());
      expect(res.status).toBe(200);
      const bad = await fetch(`${api}/api/v1/measurements`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...submitted.doc, measurement_start_time: `at ${PROBE_IP}` }),
      });
      expect(bad.status).toBe(400);
      search('refused submission answer', await bad.text());

      // 3. Every export the API has of these measurements.
      const list = (await (await fetch(`${api}/api/v1/measurements?probe_cc=KZ&limit=1000`)).json()) as {
        items: { measurement_uid: string }[];
      };
      expect(list.items.length).toBeGreaterThanOrEqual(records + 2);
      const paths = [
        '/api/v1/measurements?probe_cc=KZ&limit=1000',
        '/api/v1/measurements?probe_cc=KZ&limit=1000&format=csv',
        '/api/v1/aggregation?probe_cc=KZ&axis_x=measurement_start_day',
        '/api/v1/aggregation?probe_cc=KZ&axis_x=domain&format=csv',
        '/api/v1/countries/KZ/blocked-sites',
        '/api/v1/changes?probe_cc=KZ',
        '/api/v1/networks',
        '/api/v1/domains',
        '/api/v1/countries/KZ/report?format=json',
        '/api/v1/countries/KZ/report?format=md',
        '/api/v1/countries/KZ/report?format=html',
        '/feeds/all.atom',
        '/feeds/KZ.atom',
        ...list.items.map((r) => `/api/v1/measurements/${encodeURIComponent(r.measurement_uid)}`),
      ];
      for (const path of paths) {
        const answer = await fetch(`${api}${path}`);
        search(`GET ${path.replace(/measurements\/.+/, 'measurements/:uid')}`, await answer.text());
      }
    } finally {
      await Promise.all([front.close(), site.close()]);
      await stopCli(control.child);
      search('control log', control.stderr());
      await stopCli(server.child);
      search('server log', server.stderr());
    }
    // The probe's own files: its output and its submission queue.
    for (const f of filesUnder(dir).filter((f) => !f.startsWith(db) && f !== file))
      search(`file ${f.slice(dir.length)}`, readFileSync(f, 'utf8'));

    // 4. Command-line exports.
    for (const args of [
      ['aggregate', '--probe-cc', 'KZ', '--format', 'csv'],
      ['aggregate', '--probe-cc', 'KZ', '--axis-x', 'domain', '--format', 'json'],
      ['blocked', 'KZ', '--json'],
      ['changes', '--probe-cc', 'KZ', '--json'],
      ['reanalyze'],
    ]) {
      const r = await runCli([...args, '--db', db]);
      search(`netfreedom ${args[0]}`, r.stdout + r.stderr);
    }

    // 5. The store: every row of every table, and every raw record in the archive beside it.
    const instance = await DuckDBInstance.create(db, { access_mode: 'READ_ONLY' });
    const conn = await instance.connect();
    const tables = (
      await (
        await conn.run("SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE'")
      ).getRowObjectsJson()
    ).map((r) => String(r.table_name));
    let rows = 0;
    const uids: string[] = [];
    for (const t of tables) {
      const all = await (await conn.run(`SELECT * FROM "${t}"`)).getRowObjectsJson();
      rows += all.length;
      if (t === 'measurements') uids.push(...all.map((r) => String(r.uid)));
      search(`table ${t}`, JSON.stringify(all));
    }
    conn.closeSync();
    instance.closeSync();
    expect(tables).toContain('measurements');
    const store = await openStore(db, { readOnly: true });
    try {
      for (const uid of uids) {
        const record = await store.measurements.get(uid);
        search('raw archive', rawText(record!));
      }
      expect(uids.length).toBeGreaterThanOrEqual(records + 2);
    } finally {
      await store.close();
    }

    const leaks = [...found.entries()].map(([where, hits]) => `${where}: ${hits.length} (${hits[0]})`);
    const total = [...found.values()].reduce((n, hits) => n + hits.length, 0);
    // biome-ignore format: a table
    figures.push(
      { name: 'Privacy: fields holding the probe address (planted or echoed)', value: fieldsPlanted, goal: '—', ok: true },
      { name: 'Privacy: texts searched (tables, raw records, logs, exports, files)', value: texts, goal: '—', ok: true },
      { name: 'Privacy: store rows read back', value: rows, goal: '—', ok: true },
      none('Privacy: occurrences of the probe address found', total),
    );
    expect(leaks).toEqual([]);
  }, 240_000);
});

const IS_ROOT = process.getuid?.() === 0;

describe.skipIf(!IS_ROOT)('privacy: a submission from a public address (network namespace, root)', () => {
  it('scrubs the address it was sent from, also when the probe wrote 127.0.0.1 but left its address elsewhere', async () => {
    const ns = `nfpriv${process.pid % 100_000}`;
    const ip = (...args: string[]) => execFileSync('ip', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const store = join(dir, 'sender.duckdb');
    const body = join(dir, 'sender.json');
    // A probe that scrubbed probe_ip only: its address is still in failure texts, headers, annotations.
    const careless = planted(900);
    writeFileSync(body, JSON.stringify({ ...careless.doc, probe_ip: '127.0.0.1' }));
    try {
      ip('netns', 'add', ns);
      ip('-n', ns, 'link', 'set', 'lo', 'up');
      ip('-n', ns, 'addr', 'add', `${PROBE_IP}/32`, 'dev', 'lo');
      const server = spawn('ip', [
        'netns',
        'exec',
        ns,
        process.execPath,
        BIN,
        'serve',
        '--host',
        PROBE_IP,
        '--port',
        '0',
        '--db',
        store,
      ]);
      let log = '';
      server.stderr.on('data', (d) => (log += d));
      const url = await new Promise<string>((resolve, reject) => {
        server.stderr.on('data', () => {
          const m = /netfreedom serving (http:\S+?)\/ /.exec(log);
          if (m) resolve(m[1]!);
        });
        server.on('close', (code) => reject(new Error(`serve exited ${code}: ${log}`)));
      });
      // curl from the same public address, so that the server's peer is the probe's address.
      const answer = execFileSync('ip', [
        'netns',
        'exec',
        ns,
        'curl',
        '-s',
        '--interface',
        PROBE_IP,
        '-H',
        'content-type: application/json',
        '--data-binary',
        `@${body}`,
        `${url}/api/v1/measurements`,
      ]).toString();
      const { measurement_uid } = JSON.parse(answer) as { measurement_uid: string };
      await stopCli(server);
      search('sender: server log', log);
      const opened = await openStore(store, { readOnly: true });
      try {
        const record = await opened.measurements.get(measurement_uid);
        expect(record?.origin).toBe('anonymous');
        const text = rawText(record!);
        expect(text).toContain('[scrubbed]');
        const hits = occurrences(text);
        figures.push(
          {
            name: 'Privacy: fields holding the sender address (probe_ip already 127.0.0.1)',
            value: careless.planted - 1,
            goal: '—',
            ok: true,
          },
          none('Privacy: occurrences of the sender address stored', hits.length),
        );
        expect(hits).toEqual([]);
      } finally {
        await opened.close();
      }
    } finally {
      try {
        ip('netns', 'del', ns);
      } catch {
        // never created
      }
    }
  }, 120_000);
});

function filesUnder(root: string): string[] {
  return readdirSync(root).flatMap((name) => {
    const path = join(root, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}
