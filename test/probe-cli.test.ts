import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliIntoPipe, startCli, stopCli } from './helpers/cli.js';

const BIN = join(import.meta.dirname, '..', 'bin', 'netfreedom.js');
let site: http.Server;
let siteUrl: string;
let control: ChildProcess;
let controlUrl: string;
let dir: string;

function run(
  args: string[],
  onSpawn?: (p: ChildProcess) => void,
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout!.on('data', (d) => (out += d));
    p.stderr!.on('data', (d) => (err += d));
    onSpawn?.(p);
    p.on('close', (code) => resolve({ code, out, err }));
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'netfreedom-probe-cli-'));
  site = http.createServer((req, res) => {
    if (req.url === '/slow') {
      res.writeHead(200);
      const t = setInterval(() => res.write('.'), 200);
      res.on('close', () => clearInterval(t));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html', 'x-site': 'cli-test' });
    res.end('<html><head><title>CLI test page</title></head><body>hello</body></html>');
  });
  await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
  siteUrl = `http://127.0.0.1:${(site.address() as { port: number }).port}`;
  control = spawn(process.execPath, [BIN, 'control', '--listen', '127.0.0.1:0', '--allow-private'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  controlUrl = await new Promise<string>((resolve, reject) => {
    let text = '';
    control.stderr!.on('data', (d) => {
      text += d;
      const m = /listening on (http:\/\/\S+?);/.exec(text);
      if (m) resolve(m[1]!);
    });
    control.on('exit', () => reject(new Error(`control exited: ${text}`)));
  });
});

afterAll(async () => {
  control?.kill('SIGTERM');
  site?.close();
  site?.closeAllConnections();
  rmSync(dir, { recursive: true, force: true });
});

const common = () => [
  '--control',
  controlUrl,
  '--udp-resolver',
  'none',
  '--probe-cc',
  'KZ',
  '--probe-asn',
  'AS9198',
  '--step-timeout',
  '1000',
];

describe('netfreedom probe / control (built binary, real sockets)', () => {
  it('measures, appends OONI JSONL, and resumes without repeating', async () => {
    const out = join(dir, 'a.jsonl');
    const urls = [`${siteUrl}/`, `${siteUrl}/page`];
    const first = await run([
      'probe',
      ...urls,
      ...common(),
      '--output',
      out,
      '--annotation',
      'simulated=true',
    ]);
    expect(first.code, first.err).toBe(0);
    const lines = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((m) => m.input).sort()).toEqual(urls.sort());
    for (const m of lines) {
      expect(m).toMatchObject({
        test_name: 'web_connectivity',
        software_name: 'netfreedom',
        probe_ip: '127.0.0.1',
        probe_cc: 'KZ',
        probe_asn: 'AS9198',
      });
      expect(m.annotations.simulated).toBe('true');
      expect(m.test_keys.requests[0].failure).toBeNull();
      expect(m.test_keys.requests[0].response.code).toBe(200);
      expect(m.test_keys.control.http_request.title).toBe('CLI test page');
    }
    expect(first.out).toContain(`\t${siteUrl}/\n`);
    const again = await run(['probe', ...urls, ...common(), '--output', out, '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out)).toMatchObject({ measured: 0, skipped: 2 });
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(2);
  });

  it('says when the control did not answer, and counts why in --json', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const deadUrl = `http://127.0.0.1:${(closed.address() as { port: number }).port}`;
    await new Promise<void>((r) => closed.close(() => r())); // nothing listens there now
    const args = ['probe', `${siteUrl}/`, ...common().map((a) => (a === controlUrl ? deadUrl : a))];
    const r = await run(args);
    expect(r.code).toBe(0);
    expect(r.err).toContain(
      `netfreedom: the control at ${deadUrl} did not answer for 1 of 1 measurement(s) (connection_refused 1)`,
    );
    const json = await run([...args, '--json']);
    expect(JSON.parse(json.out).control_failures).toEqual({ connection_refused: 1 });
    // With a working control, no such line.
    const ok = await run(['probe', `${siteUrl}/`, ...common(), '--json']);
    expect(ok.err).not.toContain('did not answer');
    expect(JSON.parse(ok.out).control_failures).toEqual({});
  });

  it('Ctrl-C stops the run and leaves a file of whole lines', async () => {
    const out = join(dir, 'b.jsonl');
    const urls = [`${siteUrl}/`, `${siteUrl}/slow`, `${siteUrl}/slow?2`, `${siteUrl}/slow?3`];
    const result = await run(['probe', ...urls, ...common(), '--parallel', '1', '--output', out], (p) => {
      p.stdout!.once('data', () => p.kill('SIGINT'));
    });
    expect(result.code).toBe(0);
    expect(result.err).toContain('interrupted');
    const lines = readFileSync(out, 'utf8').split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(lines.length).toBeLessThan(urls.length);
    for (const l of lines) expect(() => JSON.parse(l)).not.toThrow();
  });

  it('stops measuring once the reader of its output has gone (| head), exit 0, whole lines in the file', async () => {
    const out = join(dir, 'piped.jsonl');
    const urls = Array.from({ length: 12 }, (_, i) => `${siteUrl}/piped/${i}`);
    const args = ['probe', ...urls, ...common(), '--parallel', '1', '--output', out];
    const r = await runCliIntoPipe(args, 'true');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(r.stderr).toContain('interrupted');
    const lines = readFileSync(out, 'utf8').split('\n').filter(Boolean);
    expect(lines.length).toBeLessThan(urls.length);
    for (const l of lines) expect(() => JSON.parse(l)).not.toThrow();
  });

  it('--submit sends each measurement to a server, which stores it under the id it answers', async () => {
    const server = await startCli(
      ['serve', '--port', '0', '--db', join(dir, 'submit.duckdb')],
      /netfreedom serving (http:\/\/\S+)\//,
    );
    try {
      const serverUrl = /netfreedom serving (http:\/\/\S+?)\//.exec(server.stderr())![1]!;
      const queue = ['--queue', join(dir, 'queue'), '--retries', '2', '--retry-delay', '10'];
      const r = await run([
        'probe',
        `${siteUrl}/submitted`,
        ...common(),
        ...queue,
        '--submit',
        serverUrl,
        '--json',
      ]);
      expect(r.code, r.err).toBe(0);
      const summary = JSON.parse(r.out);
      expect(summary).toMatchObject({ measured: 1, submit_failures: 0, queued: 0 });
      expect(summary.submitted).toHaveLength(1);
      const stored = await fetch(`${serverUrl}/api/v1/measurements/${summary.submitted[0]}`);
      expect(stored.status).toBe(200);
      expect(JSON.stringify(await stored.json())).toContain(`${siteUrl}/submitted`);
      // An unreachable server: exit 1, the measurement stays queued for `probe queue flush`.
      const unreachable = await run([
        'probe',
        `${siteUrl}/x`,
        ...common(),
        ...queue,
        '--submit',
        'http://127.0.0.1:1/',
      ]);
      expect(unreachable.code).toBe(1);
      expect(unreachable.err).toContain('1 measurement(s) not submitted yet (http://127.0.0.1:1 unreachable');
      expect(unreachable.err).toContain('netfreedom probe queue flush');
    } finally {
      await stopCli(server.child);
    }
  });

  it('usage errors exit 2 with a message', async () => {
    const noControl = await run(['probe', `${siteUrl}/`]);
    expect(noControl.code).toBe(2);
    const badListen = await run(['control', '--listen', 'nowhere']);
    expect(badListen.code).toBe(2);
    expect(badListen.err).toContain('--listen nowhere');
    const nothing = await run(['probe', '--control', controlUrl]);
    expect(nothing.code).toBe(2);
    // A list file with no entry, and a category no entry has, say so.
    const garbage = join(dir, 'garbage.csv');
    writeFileSync(garbage, 'this is not a test list\n');
    const noEntries = await run(['probe', '--list', garbage, '--control', controlUrl]);
    expect(noEntries.code).toBe(2);
    expect(noEntries.err).toContain(`--list ${garbage}: no test-list entry in it`);
    const noCategory = await run(['probe', '--list', 'kz', '--category', 'XXXX', '--control', controlUrl]);
    expect(noCategory.code).toBe(2);
    expect(noCategory.err).toMatch(
      /^netfreedom: --category: unknown category XXXX; the categories are ALDR, /,
    );
    const emptyCategory = join(dir, 'news-only.csv');
    writeFileSync(
      emptyCategory,
      'url,category_code,category_description,date_added,source,notes\nhttps://vlast.kz/,NEWS,News Media,2014-04-15,citizenlab,\n',
    );
    const noEntry = await run([
      'probe',
      '--list',
      emptyCategory,
      '--category',
      'LGBT',
      '--control',
      controlUrl,
    ]);
    expect(noEntry.code).toBe(2);
    expect(noEntry.err).toContain(`--list ${emptyCategory}: no entry in the categories LGBT`);
    // Addresses and files that cannot work are said before anything is measured, naming the option.
    for (const [args, message] of [
      [['--submit', 'notaurl'], 'netfreedom: --submit notaurl: expected an http(s) URL\n'],
      [
        ['--udp-resolver', 'garbage'],
        'netfreedom: --udp-resolver garbage: expected IP:PORT (e.g. 8.8.8.8:53) or none\n',
      ],
      [
        ['--udp-resolver', '8.8.8.8:99999'],
        'netfreedom: --udp-resolver 8.8.8.8:99999: expected IP:PORT (e.g. 8.8.8.8:53) or none\n',
      ],
    ] as const) {
      const r = await run(['probe', `${siteUrl}/`, ...common(), ...args]);
      expect({ args, code: r.code, err: r.err, out: r.out }).toEqual({
        args,
        code: 2,
        err: message,
        out: '',
      });
    }
    const unwritable = join(dir, 'no-such-folder', 'out.jsonl');
    const noFolder = await run(['probe', `${siteUrl}/`, ...common(), '--output', unwritable]);
    expect(noFolder.code).toBe(1);
    expect(noFolder.err).toMatch(
      new RegExp(`^netfreedom: --output ${unwritable}: cannot write the file \\(ENOENT`),
    );
    expect(noFolder.out).toBe('');
    const missingList = await run(['probe', '--list', join(dir, 'missing.csv'), '--control', controlUrl]);
    expect(missingList.code).toBe(2);
    expect(missingList.err).toBe(
      `netfreedom: --list ${join(dir, 'missing.csv')}: no such file, nor a two-letter country code\n`,
    );
    // --category picks entries of a list: without one it would be ignored in silence.
    const withoutList = await run(['probe', `${siteUrl}/`, '--category', 'NEWS', '--control', controlUrl]);
    expect(withoutList.code).toBe(2);
    expect(withoutList.err).toBe('netfreedom: --category picks entries of --list: give --list FILE|CC too\n');
  });
});
