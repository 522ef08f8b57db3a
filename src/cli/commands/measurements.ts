/** `netfreedom ingest | reanalyze | aggregate | blocked | changes`: the measurement pipeline from files to evidence. */
import { type Command, InvalidArgumentError, Option } from 'commander';
import { defaultWorkerCount } from '../../ingest/convert-pool.js';
import { ingestFiles } from '../../ingest/ingest-files.js';
import { expandInputs } from '../../ingest/input-files.js';
import { reanalyze } from '../../ingest/reanalyze.js';
import { updateChanges } from '../../ingest/update-changes.js';
import { toCsv } from '../../shared/csv.js';
import { isIsoDate } from '../../shared/dates.js';
import type { AggregationAxis, MeasurementFilter } from '../../store/measurement-store.js';
import { AXES } from '../../store/sql/measurement-queries.js';
import { CURRENT_ANALYZER, createConvertContext, INGEST_CONTEXT_MODULE } from '../ingest-context.js';
import { countsText, printJson, printTable, rejectionsText } from '../output.js';
import { parseCodes, parseCountry, parsePositiveInt } from '../parse-args.js';
import { progressBar } from '../progress.js';
import { action, type CliContext, EXIT_FAILURE } from '../run-command.js';
import { addStoreOptions, type StoreOptions, withStore } from '../store-options.js';

/** Total size of the inputs, 0 when a path is missing (ingest reports that itself). */
function inputBytes(paths: string[]): number {
  try {
    return expandInputs(paths).reduce((n, f) => n + f.bytes, 0);
  } catch {
    return 0;
  }
}

function parseWorkerCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 64)
    throw new InvalidArgumentError(`"${value}" is not a number of threads (0–64)`);
  return n;
}

function parseDate(value: string): string {
  if (!isIsoDate(value)) throw new InvalidArgumentError(`"${value}" is not a date such as 2024-03-01`);
  return value;
}

function parseAsns(value: string): string[] {
  const asns = value.split(',').map((a) => a.trim().toUpperCase());
  if (asns.some((a) => !/^(AS)?\d{1,10}$/.test(a))) {
    throw new InvalidArgumentError(`"${value}" is not a comma-separated list of ASNs such as AS9198,AS21299`);
  }
  return asns.map((a) => (a.startsWith('AS') ? a : `AS${a}`));
}

function parseDomains(value: string): string[] {
  const d = value.split(',').map((x) => x.trim().toLowerCase());
  if (d.some((x) => !/^[a-z0-9.-]{1,253}$/.test(x))) {
    throw new InvalidArgumentError(`"${value}" is not a comma-separated list of domains`);
  }
  return d;
}

function parseCountries(value: string): string[] {
  return value.split(',').map((c) => parseCountry(c.trim()));
}

interface FilterOpts {
  probeCc?: string[];
  probeAsn?: string[];
  domain?: string[];
  category?: string[];
  since?: string;
  until?: string;
  includeSimulated?: boolean;
}

function addFilterOptions(cmd: Command, withCountry = true): Command {
  if (withCountry) cmd.option('--probe-cc <cc,...>', 'countries', parseCountries);
  return cmd
    .option('--probe-asn <asn,...>', 'networks (AS9198 or 9198)', parseAsns)
    .option('--domain <domain,...>', 'domains', parseDomains)
    .option('--category <code,...>', 'Citizen Lab category codes', parseCodes)
    .option('--since <date>', 'first day (YYYY-MM-DD)', parseDate)
    .option('--until <date>', 'day after the last (exclusive)', parseDate)
    .option('--include-simulated', 'include measurements from simulated networks');
}

function toFilter(o: FilterOpts): MeasurementFilter {
  return {
    ...(o.probeCc ? { probeCc: o.probeCc } : {}),
    ...(o.probeAsn ? { probeAsn: o.probeAsn } : {}),
    ...(o.domain ? { domain: o.domain } : {}),
    ...(o.category ? { categoryCode: o.category } : {}),
    ...(o.since ? { since: o.since } : {}),
    ...(o.until ? { until: o.until } : {}),
    ...(o.includeSimulated ? { includeSimulated: true } : {}),
  };
}

type Json = { json?: boolean };

/** What an empty answer says, and that simulated measurements were left out when they were. */
function noneFound(what: string, o: FilterOpts): string {
  return `no ${what}${o.includeSimulated ? '' : ' (simulated measurements are left out: --include-simulated adds them)'}`;
}

export function registerMeasurements(program: Command, ctx: CliContext): void {
  const { io } = ctx;

  addStoreOptions(
    program
      .command('ingest')
      .description(
        'read OONI / Censored Planet / netfreedom measurements into the store; bad records are reported as file:line',
      )
      .argument('<path...>', 'files (.json, .jsonl, .jsonl.gz) or directories (OONI S3 layout)')
      .addOption(
        new Option('--source <source>', 'what the files hold')
          .choices(['ooni', 'censoredplanet', 'auto'])
          .default('auto'),
      )
      .option('--simulated', 'mark every record as produced by a simulated network (demo data)')
      .option('--batch-size <n>', 'records per atomic batch', parsePositiveInt, 2000)
      .option(
        '--workers <n>',
        'threads that parse and judge records (default: for inputs over 16 MB on 3+ cores, one per core but one; else 0 = this thread)',
        parseWorkerCount,
      )
      .option('--json', 'print the summary as JSON'),
  ).action(
    action(
      ctx,
      async (
        paths: string[],
        o: StoreOptions &
          Json & {
            source: 'ooni' | 'censoredplanet' | 'auto';
            simulated?: boolean;
            batchSize: number;
            workers?: number;
          },
      ) => {
        const bar = progressBar(io);
        const workers = o.workers ?? defaultWorkerCount(inputBytes(paths));
        const context = workers > 0 ? null : await createConvertContext({ source: o.source });
        const summary = await withStore(o, (store) =>
          ingestFiles(store, paths, {
            ...(context ?? { analyze: CURRENT_ANALYZER.analyze }),
            source: o.source,
            simulated: Boolean(o.simulated),
            batchSize: o.batchSize,
            workers: { count: workers, contextModule: INGEST_CONTEXT_MODULE },
            onError: (m) => {
              if (!o.json) io.err(`${m}\n`);
            },
            onProgress: (p) =>
              bar.update(
                p.bytesDone,
                p.bytesTotal,
                `${p.fileIndex + 1}/${p.files} files, ${p.summary.read} records`,
              ),
            onFile: (file, s) => {
              if (!io.isTty && !o.json)
                io.err(`${file}: ${s.read} read so far, ${s.added} added, ${s.rejected} rejected\n`);
            },
          }),
        );
        bar.done();
        // A folder with no measurement file in it is most often the wrong folder.
        if (summary.files === 0)
          io.err(
            `netfreedom: no measurement file (.json, .jsonl or .jsonc, gzipped or not) in ${paths.join(', ')}\n`,
          );
        if (o.json) printJson(io, summary);
        else {
          io.out(
            `${summary.files} file(s), ${summary.read} record(s) read: ${summary.added} added, ` +
              `${summary.duplicates} duplicate(s), ${rejectionsText(summary)}\n`,
          );
        }
        return summary.rejected > 0 ? EXIT_FAILURE : undefined;
      },
    ),
  );

  addStoreOptions(
    program
      .command('reanalyze')
      .description('re-judge stored raw measurements analysed with older rules')
      .option('--since <date>', 'only measurements from this day on', parseDate)
      .option('--json', 'print the summary as JSON'),
  ).action(
    action(ctx, async (o: StoreOptions & Json & { since?: string }) => {
      const bar = progressBar(io);
      const summary = await withStore(o, (store) =>
        reanalyze(store.measurements, CURRENT_ANALYZER.analyze, CURRENT_ANALYZER.rulesVersion, {
          ...(o.since ? { since: o.since } : {}),
          onPage: (s) =>
            bar.update(s.examined, s.examined + 1, `${s.examined} examined, ${s.updated} updated`),
        }),
      );
      bar.done();
      if (o.json) return printJson(io, { rulesVersion: CURRENT_ANALYZER.rulesVersion, ...summary });
      const changed = countsText(summary.changed);
      io.out(
        `rules version ${CURRENT_ANALYZER.rulesVersion}: ${summary.examined} examined, ${summary.updated} updated` +
          `${changed ? `; outcome changes: ${changed}` : ''}\n`,
      );
    }),
  );

  addStoreOptions(
    program
      .command('optimize')
      .description(
        'maintenance: lay the measurements out for fast per-country queries (DuckDB re-sorts, ClickHouse merges)',
      )
      .option('--json', 'print JSON'),
  ).action(
    action(ctx, async (o: StoreOptions & Json) => {
      const t = Date.now();
      await withStore(o, (store) => store.measurements.optimize());
      const seconds = Math.round(Date.now() - t) / 1000;
      if (o.json) printJson(io, { optimized: true, seconds });
      else io.out(`optimized in ${seconds.toFixed(1)} s\n`);
    }),
  );

  addStoreOptions(
    addFilterOptions(
      program
        .command('aggregate')
        .description(
          "counts with OONI's semantics (measurement, ok, anomaly, confirmed, failure) along one or two axes",
        ),
    )
      .addOption(new Option('--axis-x <axis>', 'first axis').choices(AXES))
      .addOption(new Option('--axis-y <axis>', 'second axis').choices(AXES))
      .addOption(
        new Option('--format <format>', 'output format').choices(['json', 'csv', 'table']).default('table'),
      )
      .option('--json', 'same as --format json'),
  ).action(
    action(
      ctx,
      async (
        o: StoreOptions &
          Json &
          FilterOpts & { axisX?: AggregationAxis; axisY?: AggregationAxis; format: string },
      ) => {
        const rows = await withStore(o, (store) =>
          store.measurements.aggregate({
            ...toFilter(o),
            ...(o.axisX ? { axisX: o.axisX } : {}),
            ...(o.axisY ? { axisY: o.axisY } : {}),
          }),
        );
        const axes = [o.axisX, o.axisY].filter((a): a is AggregationAxis => Boolean(a));
        const cols = [
          ...axes,
          'measurement_count',
          'ok_count',
          'anomaly_count',
          'confirmed_count',
          'failure_count',
          'tls_confirmed_count',
        ];
        if (o.json || o.format === 'json') return printJson(io, { result: rows });
        if (o.format === 'csv') {
          io.out(toCsv(cols, rows as unknown as Record<string, unknown>[]));
          return;
        }
        printTable(
          io,
          cols,
          rows.map((r) => cols.map((c) => (r as unknown as Record<string, string | number>)[c])),
          noneFound('measurement matches these filters', o),
        );
      },
    ),
  );

  addStoreOptions(
    addFilterOptions(
      program
        .command('blocked')
        .description(
          'sites blocked in a country: techniques, networks, first and last seen, anomalous share, confirmed',
        )
        .argument('<country>', 'two-letter country code', parseCountry),
      false,
    ).option('--json', 'print JSON'),
  ).action(
    action(ctx, async (cc: string, o: StoreOptions & Json & FilterOpts) => {
      const sites = await withStore(o, (store) => store.measurements.blockedSites(cc, toFilter(o)));
      if (o.json) return printJson(io, sites);
      printTable(
        io,
        [
          'domain',
          'category',
          'techniques',
          'networks',
          'first seen',
          'last seen',
          'n',
          'anomalous',
          'confirmed',
          'TLS-confirmed',
        ],
        sites.map((s) => [
          s.domain,
          s.categoryCode,
          s.techniques.join(','),
          s.networks.join(','),
          s.firstSeen.slice(0, 10),
          s.lastSeen.slice(0, 10),
          s.measurementCount,
          `${Math.round(s.anomalyShare * 100)}%`,
          s.confirmed ? 'yes' : 'no',
          s.tlsConfirmed ? 'yes' : 'no',
        ]),
        noneFound(`blocked site found in ${cc}`, o),
      );
    }),
  );

  addStoreOptions(
    program
      .command('changes')
      .description('when blocking started and stopped per network and domain (CUSUM change points)')
      .requiredOption('--probe-cc <cc>', 'country', parseCountry)
      .option('--probe-asn <asn,...>', 'networks', parseAsns)
      .option('--domain <domain,...>', 'domains', parseDomains)
      .option('--since <date>', 'changes from this day on', parseDate)
      .option('--until <date>', 'changes before this day', parseDate)
      .option('--no-detect', 'list the stored events without running detection again')
      .option('--json', 'print JSON'),
  ).action(
    action(
      ctx,
      async (
        o: StoreOptions &
          Json & {
            probeCc: string;
            probeAsn?: string[];
            domain?: string[];
            since?: string;
            until?: string;
            detect: boolean;
          },
      ) => {
        const events = await withStore(o, async (store) => {
          if (o.detect) await store.transaction(() => updateChanges(store.measurements, o.probeCc));
          return store.measurements.changes({
            probeCc: [o.probeCc],
            ...(o.probeAsn ? { probeAsn: o.probeAsn } : {}),
            ...(o.domain ? { domain: o.domain } : {}),
            ...(o.since ? { since: o.since } : {}),
            ...(o.until ? { until: o.until } : {}),
          });
        });
        if (o.json) return printJson(io, events);
        printTable(
          io,
          ['at', 'network', 'domain', 'change', 'score', 'measurements'],
          events.map((e) => [
            e.at.slice(0, 10),
            e.probeAsn,
            e.domain,
            e.kind,
            e.score,
            e.measurementUids.length,
          ]),
          `no change of blocking found in ${o.probeCc}`,
        );
      },
    ),
  );
}
