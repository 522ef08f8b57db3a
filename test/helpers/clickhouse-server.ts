/**
 * Starts Debian's clickhouse-server (18.16) on 127.0.0.1 with a throw-away config, alone or as a two-shard
 * cluster, for the store tests. A missing binary is an error, never a skip: CI installs the package.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CLICKHOUSE_BINARY = '/usr/sbin/clickhouse-server';

export interface ClickHouseServer {
  url: string;
  tcpPort: number;
  /** The server's process id (benchmarks read its peak memory from /proc). */
  pid: number;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function config(dir: string, httpPort: number, tcpPort: number, interPort: number, cluster: string): string {
  return `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${dir}/server.log</log><errorlog>${dir}/error.log</errorlog><size>10M</size><count>1</count></logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>${httpPort}</http_port>
  <tcp_port>${tcpPort}</tcp_port>
  <interserver_http_port>${interPort}</interserver_http_port>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <users_config>${dir}/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mark_cache_size>268435456</mark_cache_size>
  <uncompressed_cache_size>268435456</uncompressed_cache_size>
  <max_concurrent_queries>50</max_concurrent_queries>
  <remote_servers>${cluster}</remote_servers>
</yandex>
`;
}

const USERS = `<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>4000000000</max_memory_usage></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
`;

/** Starts one server; `clusterXml` is the <remote_servers> content (empty for a lone server). */
async function startOne(clusterXml = '', ports?: { http: number; tcp: number }): Promise<ClickHouseServer> {
  if (!existsSync(CLICKHOUSE_BINARY)) {
    throw new Error(
      `${CLICKHOUSE_BINARY} not found: apt-get install clickhouse-server clickhouse-client (see .ci/run)`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'nf-clickhouse-'));
  for (const d of ['data', 'tmp', 'user_files', 'format_schemas']) mkdirSync(join(dir, d));
  const http = ports?.http ?? (await freePort());
  const tcp = ports?.tcp ?? (await freePort());
  writeFileSync(join(dir, 'config.xml'), config(dir, http, tcp, await freePort(), clusterXml));
  writeFileSync(join(dir, 'users.xml'), USERS);
  const child: ChildProcess = spawn(CLICKHOUSE_BINARY, [`--config-file=${join(dir, 'config.xml')}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
    cwd: dir,
  });
  let stderr = '';
  child.stderr?.on('data', (c) => {
    stderr = (stderr + String(c)).slice(-4000);
  });
  const url = `http://127.0.0.1:${http}`;
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          child.kill('SIGKILL');
          resolve();
        }, 5000);
        child.once('exit', () => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`clickhouse-server exited with ${child.exitCode}: ${stderr}`);
    }
    try {
      const r = await fetch(`${url}/ping`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`clickhouse-server did not answer /ping within 20 s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, tcpPort: tcp, pid: child.pid ?? 0, stop };
}

export function startClickHouse(): Promise<ClickHouseServer> {
  return startOne();
}

export interface ClickHouseCluster {
  /** The server the store talks to (it holds the Distributed table). */
  url: string;
  /** Every shard's HTTP URL (the local tables must exist on each). */
  shardUrls: string[];
  /** Every shard's server process id. */
  pids: number[];
  cluster: string;
  stop(): Promise<void>;
}

/** Two servers that both know a two-shard cluster `nf_cluster` made of themselves. */
export async function startClickHouseCluster(): Promise<ClickHouseCluster> {
  const ports = [
    { http: await freePort(), tcp: await freePort() },
    { http: await freePort(), tcp: await freePort() },
  ];
  const shards = ports
    .map((p) => `<shard><replica><host>127.0.0.1</host><port>${p.tcp}</port></replica></shard>`)
    .join('');
  const xml = `<nf_cluster>${shards}</nf_cluster>`;
  const servers = [await startOne(xml, ports[0]), await startOne(xml, ports[1])];
  return {
    url: servers[0]!.url,
    shardUrls: servers.map((s) => s.url),
    pids: servers.map((s) => s.pid),
    cluster: 'nf_cluster',
    stop: async () => {
      await Promise.all(servers.map((s) => s.stop()));
    },
  };
}
