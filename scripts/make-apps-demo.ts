/**
 * `npm run demo:apps [-- --output FILE|-]`: runs every messaging-app and circumvention test against the simulated
 * network, once per app scenario (testkit/scenarios/app-cases.ts) that needs no timer to expire, and writes the
 * measurements, one JSON line each, where it is told: FILE, `-` for stdout, by default
 * test-output/apps-simulated.jsonl. Every measurement is marked `annotations.simulated = "true"`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { generateAppsDemo } from '../testkit/demo/apps-demo.js';

const { values } = parseArgs({
  options: { output: { type: 'string', default: 'test-output/apps-simulated.jsonl' } },
});
const output = values.output as string;
const toStdout = output === '-';
// With the records on stdout, the per-scenario lines go to stderr.
const log = (line: string) => (toStdout ? process.stderr : process.stdout).write(`${line}\n`);
const text = `${(await generateAppsDemo(log)).map((m) => JSON.stringify(m)).join('\n')}\n`;
if (toStdout) process.stdout.write(text);
else {
  mkdirSync(dirname(output), { recursive: true });
  writeFileSync(output, text);
  log(`wrote ${text.split('\n').length - 1} simulated measurements to ${output}`);
}
