/** What `probe run` measures: the tests (`--test`, `--suite`) and each one's inputs (given, listed, or bundled). */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Experiment, TargetsOverride } from '../../probe/experiments/experiment.js';
import { EXPERIMENTS, experimentNamed, suiteTests } from '../../probe/experiments/registry.js';
import type { Job } from '../../probe/probe-runner.js';
import { UsageError } from '../../shared/errors.js';
import { readList } from '../../test-lists/read-list.js';
import { selectUrls } from '../../test-lists/test-lists.js';
import { checkCategoryCodes } from '../category-codes.js';
import type { ProbeOptions } from './probe-options.js';

/** The tests asked for: `--test` names and `--suite` members (in the registry's order), else web_connectivity. */
export function selectTests(opts: ProbeOptions): Experiment[] {
  const chosen = new Set<Experiment>();
  for (const name of opts.test ?? []) chosen.add(experimentNamed(name));
  if (opts.suite) for (const e of suiteTests(opts.suite)) chosen.add(e);
  if (chosen.size === 0) chosen.add(experimentNamed('web_connectivity'));
  return EXPERIMENTS.filter((e) => chosen.has(e));
}

/**
 * One job per (test, input). Inputs given on the command line (and `--list`) go to the one test of the selection
 * that takes inputs; a test that takes none measures once; dnscheck and stunreachability default to their bundled
 * lists. `--limit` caps the jobs.
 */
export async function jobsFor(
  tests: Experiment[],
  given: string[],
  opts: ProbeOptions,
  targets: ReadonlyMap<string, TargetsOverride>,
): Promise<Job[]> {
  const takers = tests.filter((t) => t.takesInput);
  const listed = await listedUrls(opts);
  const inputs = [...given, ...listed];
  if (inputs.length > 0 && takers.length !== 1)
    throw new UsageError(
      takers.length === 0
        ? `${tests.map((t) => t.name).join(', ')} take${tests.length === 1 ? 's' : ''} no input: leave out ${inputs[0]}`
        : `inputs go to one test at a time; ${takers.map((t) => t.name).join(' and ')} both take inputs`,
    );
  if (listed.length > 0 && takers[0]?.name !== 'web_connectivity')
    throw new UsageError('--list gives URLs to web_connectivity: add --test web_connectivity');
  const jobs: Job[] = [];
  for (const experiment of tests) {
    const own = experiment.takesInput && inputs.length > 0 ? inputs : null;
    const list: (string | null)[] =
      own ?? (experiment.takesInput ? experiment.defaultInputs(targets.get(experiment.name)) : [null]);
    if (experiment.name === 'web_connectivity' && list.length === 0)
      throw new UsageError(
        'nothing to measure: give URLs or --list FILE|CC (or --test NAME for another test)',
      );
    for (const input of list) jobs.push({ experiment, input });
  }
  return opts.limit ? jobs.slice(0, opts.limit) : jobs;
}

/** The tests that need the control refuse to start without it. */
export function checkControl(tests: Experiment[], opts: ProbeOptions): void {
  const needing = tests.filter((t) => t.needsControl).map((t) => t.name);
  if (needing.length > 0 && !opts.control)
    throw new UsageError(
      `${needing.join(' and ')} need${needing.length === 1 ? 's' : ''} a control: give --control URL`,
    );
}

/** The URLs of `--list` (a file, or a country's list plus global.csv), only `--category`'s when given. */
async function listedUrls(opts: ProbeOptions): Promise<string[]> {
  if (!opts.list) {
    if (opts.category) throw new UsageError('--category picks entries of --list: give --list FILE|CC too');
    return [];
  }
  const fromFile = existsSync(opts.list);
  if (!fromFile && !/^[A-Za-z]{2}$/.test(opts.list))
    throw new UsageError(`--list ${opts.list}: no such file, nor a two-letter country code`);
  if (opts.category) await checkCategoryCodes(opts.category, fromFile ? dirname(opts.list) : undefined);
  const entries = fromFile
    ? await readList(opts.list)
    : await selectUrls(opts.list, { categories: opts.category });
  if (fromFile && entries.length === 0)
    throw new UsageError(
      `--list ${opts.list}: no test-list entry in it (\`netfreedom lists validate ${opts.list}\` says why)`,
    );
  const chosen = entries.filter((e) => !opts.category || opts.category.includes(e.categoryCode));
  if (chosen.length === 0)
    throw new UsageError(
      `--list ${opts.list}: no entry${opts.category ? ` in the categories ${opts.category.join(',')}` : ''}`,
    );
  return chosen.map((e) => e.url);
}
