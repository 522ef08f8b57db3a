/**
 * Layer 2: a censored network in the real kernel — a client namespace and a censor namespace joined by
 * a veth pair, target hosts as /32s on the censor's loopback, censorship by iptables (DROP, REJECT
 * tcp-reset, xt_string on the SNI, DNAT to a blockpage or an interception box). Needs root.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';

export interface NetnsLab {
  client: string;
  censor: string;
  /** Runs `argv` inside a namespace (for spawn). */
  exec(ns: string, argv: string[]): string[];
  destroy(): void;
}

const run = (cmd: string, args: string[]) =>
  execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] }).toString();

export const CLIENT_IP = '10.77.0.1';
export const CENSOR_IP = '10.77.0.2';

/** Creates the namespaces, addresses, routes, resolv.conf files and the censor's rules. */
export function createNetnsLab(opts: {
  hostIps: string[];
  clientResolver: string;
  censorResolver: string;
  rules: string[][];
}): NetnsLab {
  const tag = String(process.pid % 100_000);
  const client = `nfc${tag}`;
  const censor = `nfs${tag}`;
  const vc = `vc${tag}`;
  const vs = `vs${tag}`;
  const lab: NetnsLab = {
    client,
    censor,
    exec: (ns, argv) => ['ip', 'netns', 'exec', ns, ...argv],
    destroy() {
      for (const ns of [client, censor]) {
        try {
          run('ip', ['netns', 'del', ns]);
        } catch {
          // already gone
        }
        rmSync(`/etc/netns/${ns}`, { recursive: true, force: true });
      }
    },
  };
  try {
    run('ip', ['netns', 'add', client]);
    run('ip', ['netns', 'add', censor]);
    run('ip', ['link', 'add', vc, 'type', 'veth', 'peer', 'name', vs]);
    run('ip', ['link', 'set', vc, 'netns', client]);
    run('ip', ['link', 'set', vs, 'netns', censor]);
    run('ip', ['-n', client, 'addr', 'add', `${CLIENT_IP}/30`, 'dev', vc]);
    run('ip', ['-n', censor, 'addr', 'add', `${CENSOR_IP}/30`, 'dev', vs]);
    for (const ns of [client, censor]) run('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
    run('ip', ['-n', client, 'link', 'set', vc, 'up']);
    run('ip', ['-n', censor, 'link', 'set', vs, 'up']);
    for (const ip of opts.hostIps) run('ip', ['-n', censor, 'addr', 'add', `${ip}/32`, 'dev', 'lo']);
    run('ip', ['-n', client, 'route', 'add', '10.77.0.0/16', 'via', CENSOR_IP]);
    // getaddrinfo inside `ip netns exec NS` reads /etc/netns/NS/resolv.conf.
    for (const [ns, resolver] of [
      [client, opts.clientResolver],
      [censor, opts.censorResolver],
    ] as const) {
      mkdirSync(`/etc/netns/${ns}`, { recursive: true });
      writeFileSync(`/etc/netns/${ns}/resolv.conf`, `nameserver ${resolver}\noptions timeout:1 attempts:1\n`);
    }
    // Rules only touch what arrives from the client's link, never the control's local traffic.
    for (const rule of opts.rules)
      run('ip', ['netns', 'exec', censor, 'iptables', ...rule.map((a) => (a === '$IN' ? vs : a))]);
  } catch (err) {
    lab.destroy();
    throw err;
  }
  return lab;
}
