/** Every test the probe runs, and the suites that group them (`--test`, `--suite`, `probe run --help`). */
import { UsageError } from '../../shared/errors.js';
import { dnscheck } from './dnscheck/dnscheck.js';
import type { Experiment, Suite } from './experiment.js';
import { facebookMessenger } from './facebook-messenger/facebook-messenger.js';
import { signal } from './signal/signal.js';
import { stunreachability } from './stunreachability/stunreachability.js';
import { telegram } from './telegram/telegram.js';
import { tor } from './tor/tor.js';
import { webConnectivity } from './web-connectivity/web-connectivity.js';
import { whatsapp } from './whatsapp/whatsapp.js';

/** In the order `--help` lists them and a suite runs them. */
export const EXPERIMENTS: readonly Experiment[] = [
  webConnectivity,
  telegram,
  whatsapp,
  signal,
  facebookMessenger,
  tor,
  dnscheck,
  stunreachability,
] as Experiment[];

/** The tests of a suite. */
export function suiteTests(suite: Suite): Experiment[] {
  return EXPERIMENTS.filter((e) => e.suite === suite);
}

/** The test named `name` (OONI's test_name); a name it does not know is a usage error that lists them. */
export function experimentNamed(name: string): Experiment {
  const found = EXPERIMENTS.find((e) => e.name === name);
  if (!found)
    throw new UsageError(
      `--test ${name}: no such test; the tests are ${EXPERIMENTS.map((e) => e.name).join(', ')}`,
    );
  return found;
}

/** The tests' table for `probe run --help`. */
export function testsHelp(): string {
  const width = Math.max(...EXPERIMENTS.map((e) => e.name.length));
  const lines = EXPERIMENTS.map(
    (e) => `  ${e.name.padEnd(width)}  ${e.suite.padEnd(13)}  ${e.version.padEnd(7)}  ${e.summary}`,
  );
  return `\nTests (--test NAME[,NAME...]; --suite websites|im|circumvention):\n  ${'test'.padEnd(width)}  ${'suite'.padEnd(13)}  ${'version'.padEnd(7)}  what it measures\n${lines.join('\n')}\n`;
}
