/**
 * API benchmark: the aggregation endpoint on 10,000,000 measurement rows under 50 concurrent clients (autocannon),
 * p50/p99. Floor measured in the same run: the same server answering the methodology (no database work).
 * Two aggregation figures: repeated dashboard queries (answered from the read cache after the first) and
 * distinct queries every time (every request reaches DuckDB).
 * The server runs as its own process (`node bin/netfreedom.js serve`, built first) so the load generator does
 * not share its event loop. Run: npm run build && npx tsx bench/api/run.ts [--rows N] [--duration S]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.js';

const { values } = parseArgs({
  options: { rows: { type: 'string', default: '10000000' }, duration: { type: 'string', default: '10' } },
});
const ROWS = Number(values.rows);
const DURATION = Number(values.duration);
const CONNECTIONS = 50;

// The same synthetic distribution as bench/aggregate (20 countries, 50 networks, 1000 domains, 365 days;
// ≈ 80% ok, 12% anomaly, 3% confirmed, 5% failure), written as SQL over a row number i.
const CC = `substr('KZRUUZKGTJTMIRCNTRBYAMAZGEUAMDPKINEGTHVN', 1 + 2 * (i % 20), 2)`;
const COUNTRIES = 'KZRUUZKGTJTMIRCNTRBYAMAZGEUAMDPKINEGTHVN'.match(/../g)!;
const ASN = `'AS' || (9000 + (i * 7) % 50)`;
const DOMAIN = `'site' || ((i * 13) % 1000) || '.example'`;
const DAY_OFFSET = `((i % 7919) % 365)`;
const OUTCOME = `CASE WHEN (i * 17) % 100 < 80 THEN 'ok' WHEN (i * 17) % 100 < 92 THEN 'anomaly' WHEN (i * 17) % 100 < 95 THEN 'confirmed' ELSE 'failure' END`;

interface Figure {
  name: string;
  requests: number;
  p50: number;
  p99: number;
  errors: number;
}

async function load(url: string, name: string, path: (n: number) => string): Promise<Figure> {
  let n = 0;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION,
    requests: [
      {
        setupRequest: (req) => {
          req.path = path(n++);
          return req;
        },
      },
    ],
  });
  return {
    name,
    requests: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** `netfreedom serve` on the bench file, resolved once it listens. */
async function startServeProcess(db: string): Promise<{ url: string; close(): Promise<void> }> {
  const port = await freePort();
  const bin = join(import.meta.dirname, '..', '..', 'bin', 'netfreedom.js');
  const child = spawn(process.execPath, [bin, 'serve', '--port', String(port), '--db', db], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      if (err.includes('serving')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'nf-bench-api-'));
  console.log(
    `api benchmark: ${ROWS.toLocaleString('en')} rows, ${CONNECTIONS} connections, ${DURATION} s per figure`,
  );
  try {
    let t = performance.now();
    const store = await DuckDbStore.open(join(dir, 'bench.duckdb'));
    await store.db.run(`INSERT INTO measurements SELECT 'u' || i, 'ooni', 'web_connectivity', 'https://' || ${DOMAIN} || '/',
      ${DOMAIN}, ${CC}, ${ASN}, TIMESTAMP '2024-01-01' + INTERVAL (${DAY_OFFSET}) DAY + INTERVAL (i % 86400) SECOND,
      DATE '2024-01-01' + CAST(${DAY_OFFSET} AS INTEGER), 'NEWS', false, 1, NULL, NULL, NULL, ${OUTCOME}, ${OUTCOME} = 'confirmed', '{}', '{}'
      FROM range(${ROWS}) t(i)`);
    console.log(`  DuckDB load: ${((performance.now() - t) / 1000).toFixed(1)} s`);
    await store.close();
    const server = await startServeProcess(join(dir, 'bench.duckdb'));
    try {
      t = performance.now();
      const sample = await fetch(`${server.url}/api/v1/aggregation?probe_cc=KZ&axis_x=measurement_start_day`);
      const body = (await sample.json()) as { result: { measurement_count: number }[] };
      const total = body.result.reduce((s, r) => s + r.measurement_count, 0);
      console.log(
        `  one KZ day × outcome query: ${(performance.now() - t).toFixed(0)} ms, ${body.result.length} days, ${total.toLocaleString('en')} measurements`,
      );
      const figures = [
        await load(server.url, 'floor: GET /api/v1/methodology', () => '/api/v1/methodology'),
        await load(server.url, 'aggregation, repeated dashboard queries', (n) => {
          const cc = COUNTRIES[n % 4]!;
          return `/api/v1/aggregation?probe_cc=${cc}&axis_x=measurement_start_day`;
        }),
        await load(server.url, 'aggregation, distinct every request', (n) => {
          const cc = COUNTRIES[n % 20]!;
          const day = new Date(Date.UTC(2024, 0, 1 + (Math.floor(n / 20) % 300))).toISOString().slice(0, 10);
          return `/api/v1/aggregation?probe_cc=${cc}&since=${day}&axis_x=measurement_start_day`;
        }),
      ];
      const floor = figures[0]!;
      for (const f of figures)
        console.log(
          `  ${f.name.padEnd(42)} requests ${String(f.requests).padStart(7)}  p50 ${String(f.p50).padStart(5)} ms  p99 ${String(f.p99).padStart(5)} ms  ` +
            `(p99 ${(f.p99 / Math.max(1, floor.p99)).toFixed(1)}× floor)${f.errors ? `  errors ${f.errors}` : ''}`,
        );
      const goal = figures[1]!.p99 <= 100 ? 'met' : 'NOT met';
      console.log(`  goal p99 ≤ 100 ms for the dashboard's aggregation: ${goal} (${figures[1]!.p99} ms)`);
    } finally {
      await server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
