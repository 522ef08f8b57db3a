/** `netfreedom aggregate | blocked | changes`: what the stored measurements show, as counts, sites and events. */
import type { Command } from 'commander';
import { updateChanges } from '../../ingest/update-changes.js';
import { aggregationColumns, toAggregationJson } from '../../server/contract/aggregation-json.js';
import { blockedSiteList, changeList } from '../../server/contract/evidence-json.js';
import { toCsv } from '../../shared/csv.js';
import type { AggregationAxis } from '../../store/measurement-store.js';
import { AXES } from '../../store/sql/measurement-queries.js';
import { checkCategoryCodes } from '../category-codes.js';
import { addOptions, type JsonOption, jsonOption, type OptionTable } from '../option-table.js';
import { printJson, printTable } from '../output.js';
import { parseCountry } from '../parse-args.js';
import { action, type CliContext, type Io } from '../run-command.js';
import { addStoreOptions, type StoreOptions, withExistingStore } from '../store-options.js';
import { registerChangesWatch } from './changes-watch.js';
import {
  FILTER_OPTIONS,
  type FilterOptions,
  noneFound,
  parseAsns,
  parseDate,
  parseDomains,
  toFilter,
} from './measurement-options.js';

interface AggregateOptions extends JsonOption {
  axisX?: AggregationAxis;
  axisY?: AggregationAxis;
  format: 'json' | 'csv' | 'table';
}

const AGGREGATE_OPTIONS: OptionTable<AggregateOptions> = {
  axisX: { flags: '--axis-x <axis>', description: 'first axis', choices: AXES },
  axisY: { flags: '--axis-y <axis>', description: 'second axis', choices: AXES },
  format: {
    flags: '--format <format>',
    description: 'output format',
    choices: ['json', 'csv', 'table'],
    default: 'table',
  },
  ...jsonOption('same as --format json'),
};

const { probeCc: _, ...BLOCKED_FILTER_OPTIONS } = FILTER_OPTIONS;

interface ChangesOptions extends JsonOption {
  probeCc: string;
  probeAsn?: string[];
  domain?: string[];
  since?: string;
  until?: string;
  detect: boolean;
}

/** Change detection runs per country and stores that country's events: the country is required. */
const CHANGES_OPTIONS: OptionTable<ChangesOptions> = {
  probeCc: { flags: '--probe-cc <cc>', description: 'country', parse: parseCountry, required: true },
  probeAsn: { flags: '--probe-asn <asn,...>', description: 'networks', parse: parseAsns },
  domain: { flags: '--domain <domain,...>', description: 'domains', parse: parseDomains },
  since: { flags: '--since <date>', description: 'changes from this day on', parse: parseDate },
  until: { flags: '--until <date>', description: 'changes before this day', parse: parseDate },
  detect: { flags: '--no-detect', description: 'list the stored events without running detection again' },
  ...jsonOption(),
};

export function registerEvidence(program: Command, ctx: CliContext): void {
  const { io } = ctx;
  addStoreOptions(
    addOptions(
      addOptions(
        program
          .command('aggregate')
          .description(
            "counts with OONI's semantics (measurement, ok, anomaly, confirmed, failure) along one or two axes",
          ),
        FILTER_OPTIONS,
      ),
      AGGREGATE_OPTIONS,
    ),
  ).action(action(ctx, (o: StoreOptions & FilterOptions & AggregateOptions) => aggregate(io, o)));

  addStoreOptions(
    addOptions(
      addOptions(
        program
          .command('blocked')
          .description(
            'sites blocked in a country: techniques, networks, first and last seen, anomalous share, confirmed',
          )
          .argument('<country>', 'two-letter country code', parseCountry),
        BLOCKED_FILTER_OPTIONS,
      ),
      jsonOption(),
    ),
  ).action(action(ctx, (cc: string, o: StoreOptions & FilterOptions & JsonOption) => blocked(io, cc, o)));

  const changesCommand = program
    .command('changes')
    .description('when blocking started and stopped per network and domain (CUSUM change points)');
  addStoreOptions(addOptions(changesCommand, CHANGES_OPTIONS)).action(
    action(ctx, (o: StoreOptions & ChangesOptions) => changes(io, o)),
  );
  registerChangesWatch(changesCommand, ctx);
}

async function aggregate(io: Io, o: StoreOptions & FilterOptions & AggregateOptions): Promise<void> {
  if (o.category) await checkCategoryCodes(o.category);
  const rows = await withExistingStore(o, (store) =>
    store.measurements.aggregate({
      ...toFilter(o),
      ...(o.axisX ? { axisX: o.axisX } : {}),
      ...(o.axisY ? { axisY: o.axisY } : {}),
    }),
  );
  const axes = [o.axisX, o.axisY].filter((a): a is AggregationAxis => Boolean(a));
  const cols = aggregationColumns(axes);
  if (o.json || o.format === 'json') return printJson(io, toAggregationJson(rows, axes));
  if (o.format === 'csv') return io.out(toCsv(cols, rows as unknown as Record<string, unknown>[]));
  // Without an axis the store answers one row of zeros when nothing matches: people get the sentence.
  const found = rows.filter((r) => r.measurement_count > 0);
  printTable(
    io,
    cols,
    found.map((r) => cols.map((c) => (r as unknown as Record<string, string | number>)[c])),
    noneFound('measurement matches these filters', o),
  );
}

async function blocked(io: Io, cc: string, o: StoreOptions & FilterOptions & JsonOption): Promise<void> {
  if (o.category) await checkCategoryCodes(o.category);
  const sites = await withExistingStore(o, (store) => store.measurements.blockedSites(cc, toFilter(o)));
  if (o.json) return printJson(io, sites.map(blockedSiteList.toJson));
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
}

async function changes(io: Io, o: StoreOptions & ChangesOptions): Promise<void> {
  const events = await withExistingStore(o, async (store) => {
    if (o.detect) await store.transaction(() => updateChanges(store.measurements, o.probeCc));
    return store.measurements.changes({
      probeCc: [o.probeCc],
      ...(o.probeAsn ? { probeAsn: o.probeAsn } : {}),
      ...(o.domain ? { domain: o.domain } : {}),
      ...(o.since ? { since: o.since } : {}),
      ...(o.until ? { until: o.until } : {}),
    });
  });
  if (o.json) return printJson(io, events.map(changeList.toJson));
  printTable(
    io,
    ['at', 'network', 'domain', 'change', 'score', 'measurements'],
    events.map((e) => [e.at.slice(0, 10), e.probeAsn, e.domain, e.kind, e.score, e.measurementUids.length]),
    `no change of blocking found in ${o.probeCc}`,
  );
}
