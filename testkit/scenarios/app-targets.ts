/**
 * The `--targets` sections the app tests take on the simulated network: the simulation's "Signal" root in place of
 * the bundled ones, and two directory authorities and a bridge for tor. Written as `--targets` gives them (the
 * Signal root a path beside the file), in a folder of the caller's.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TargetsOverride } from '../../src/probe/experiments/experiment.js';
import type { SimulatedInternet } from '../netsim/simulated-internet.js';
import { TOR_AUTHORITIES, TOR_BRIDGE } from '../netsim/world-apps.js';

/** The tor cases measure these two authorities (by index in TOR_AUTHORITIES) and TOR_BRIDGE. */
export const TOR_MEASURED = [1, 4] as const;

/** Each app test's targets on `sim`, keyed by test name; `dir` receives the Signal root. */
export function simAppTargets(sim: SimulatedInternet, dir: string): Map<string, TargetsOverride> {
  writeFileSync(join(dir, 'signal-root.pem'), sim.pki.signal.pem);
  const authority = ([name, address, or_port, dir_port]: (typeof TOR_AUTHORITIES)[number]) => ({
    name,
    address,
    or_port,
    dir_port,
  });
  return new Map<string, TargetsOverride>([
    ['signal', { value: { roots: 'signal-root.pem' }, dir }],
    [
      'tor',
      {
        value: {
          authorities: TOR_MEASURED.map((i) => authority(TOR_AUTHORITIES[i]!)),
          bridges: [
            `obfs4 ${TOR_BRIDGE.ip}:${TOR_BRIDGE.port} 0123456789ABCDEF0123456789ABCDEF01234567 cert=x iat-mode=0`,
          ],
        },
        dir,
      },
    ],
  ]);
}
