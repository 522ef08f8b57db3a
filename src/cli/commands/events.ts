/** `netfreedom events import | list` and `netfreedom evidence link`: a country's timeline and what backs a score. */
import { Argument, type Command, InvalidArgumentError } from 'commander';
import { z } from 'zod';
import { loadMethodology } from '../../assessment/methodology-loader.js';
import { loadSourceRegistry } from '../../assessment/source-registry.js';
import { auditedLink } from '../../evidence/audited-evidence.js';
import type { LinkRequest } from '../../evidence/evidence-links.js';
import { withSources } from '../../evidence/evidence-views.js';
import { parseTarget } from '../../evidence/fact-rules.js';
import { importEvents } from '../../evidence/import-events.js';
import { storeSources } from '../../evidence/record-facts.js';
import { countryTimeline } from '../../evidence/timeline.js';
import { EVENT_TYPES, type EventType } from '../../model/evidence.js';
import { evidenceLinkList } from '../../server/contract/assessment-evidence-json.js';
import { timelineList } from '../../server/contract/country-evidence-json.js';
import { filterQuery } from '../../server/routes/measurement-filter.js';
import { InvalidInputError } from '../../shared/errors.js';
import { AS_OPTION, type AsOption, localActing } from '../local-actor.js';
import { addOptions, type JsonOption, jsonOption, type OptionTable } from '../option-table.js';
import { printJson, printTable } from '../output.js';
import { parseCountry, parseYear } from '../parse-args.js';
import { action, type CliContext, type Io } from '../run-command.js';
import { addStoreOptions, type StoreOptions, withExistingStore, withStore } from '../store-options.js';
import { ensureBundled, printImportSummary } from './bundled-evidence-cli.js';
import { parseDate } from './measurement-options.js';

interface ListOptions extends JsonOption {
  since?: string;
  until?: string;
  type?: EventType[];
  indicator?: string[];
  origin?: 'reported' | 'measured';
}

function parseTypes(value: string): EventType[] {
  const types = value.split(',').map((t) => t.trim());
  const bad = types.filter((t) => !EVENT_TYPES.includes(t as EventType));
  if (bad.length)
    throw new InvalidArgumentError(`"${bad.join(', ')}" is not one of ${EVENT_TYPES.join(', ')}`);
  return types as EventType[];
}

function parseQuestions(value: string): string[] {
  const ids = value.split(',').map((q) => q.trim().toUpperCase());
  if (ids.some((q) => !/^[A-C]\d{1,2}$/.test(q)))
    throw new InvalidArgumentError(`"${value}" is not a comma-separated list of question ids such as B3,C2`);
  return ids;
}

const LIST_OPTIONS: OptionTable<ListOptions> = {
  since: { flags: '--since <date>', description: 'events that end on or after this day', parse: parseDate },
  until: {
    flags: '--until <date>',
    description: 'events that start before this day (exclusive)',
    parse: parseDate,
  },
  type: {
    flags: '--type <type,...>',
    description: `event types (${EVENT_TYPES.join(', ')})`,
    parse: parseTypes,
  },
  indicator: {
    flags: '--indicator <question,...>',
    description: 'question ids such as B3,C2',
    parse: parseQuestions,
  },
  origin: {
    flags: '--origin <origin>',
    description: 'only reported events or only measured changes',
    choices: ['reported', 'measured'],
  },
  ...jsonOption(),
};

interface LinkOptions extends JsonOption, AsOption {
  event?: string;
  source?: string;
  query?: string;
  note?: string;
}

const LINK_OPTIONS: OptionTable<LinkOptions> = {
  event: { flags: '--event <id>', description: 'an event of the country (see events list)' },
  source: { flags: '--source <url>', description: 'a source (stored as unverified if it is not yet)' },
  query: {
    flags: '--query <filters>',
    description:
      'measurement filters as in the API, e.g. "probe_cc=KZ&domain=meduza.io" (window: the coverage period)',
  },
  note: { flags: '--note <text>', description: 'why this backs the score or answer' },
  ...AS_OPTION,
  ...jsonOption('print the link as JSON'),
};

export function registerEvents(program: Command, ctx: CliContext): void {
  const { io } = ctx;
  const events = program
    .command('events')
    .description("a country's timeline: reported events and measured changes");
  addStoreOptions(
    addOptions(
      events
        .command('import')
        .description(
          'import events from a CSV (columns of data/evidence/events.csv); bad rows are reported by line',
        )
        .argument('<file>', 'CSV file'),
      { ...AS_OPTION, ...jsonOption('print the summary as JSON') },
    ),
  ).action(
    action(ctx, async (file: string, o: StoreOptions & JsonOption & AsOption) => {
      const methodology = await loadMethodology();
      const summary = await withStore(o, (store) => importEvents(store, methodology, file, localActing(o)));
      return printImportSummary(io, summary, 'event(s)', o.json);
    }),
  );
  addStoreOptions(
    addOptions(
      events
        .command('list')
        .description("a country's events in date order, each with its type, indicators and sources")
        .argument('<country>', 'two-letter country code', parseCountry),
      LIST_OPTIONS,
    ),
  ).action(action(ctx, (cc: string, o: StoreOptions & ListOptions) => list(io, cc, o)));

  addStoreOptions(
    addOptions(
      program
        .command('evidence')
        .description('evidence links from a question score or key internet control')
        .command('link')
        .description(
          'link an event, a source or a measurement query (its figures kept as a snapshot) to a score',
        )
        .argument('<country>', 'two-letter country code', parseCountry)
        .argument('<edition>', 'edition (report year)', parseYear)
        .addArgument(new Argument('<target>', 'a question id (B1) or key internet control id (KIC2)')),
      LINK_OPTIONS,
    ),
  ).action(
    action(ctx, (cc: string, edition: number, target: string, o: StoreOptions & LinkOptions) =>
      link(io, cc, edition, target, o),
    ),
  );
}

async function list(io: Io, cc: string, o: StoreOptions & ListOptions): Promise<void> {
  const methodology = await loadMethodology();
  const items = await withExistingStore(o, async (store) => {
    await ensureBundled(io, store, methodology);
    return withSources(
      store,
      await countryTimeline(store, cc, {
        ...(o.since ? { since: o.since } : {}),
        ...(o.until ? { until: o.until } : {}),
        ...(o.type ? { types: o.type } : {}),
        ...(o.indicator ? { indicators: o.indicator } : {}),
        ...(o.origin ? { origin: o.origin } : {}),
      }),
    );
  });
  if (o.json) return printJson(io, items.map(timelineList.toJson));
  printTable(
    io,
    ['date', 'type', 'origin', 'title', 'indicators', 'sources'],
    items.map((i) => [
      i.end ? `${i.start} – ${i.end}` : i.start,
      i.type,
      i.origin,
      i.title,
      i.indicators.join(' '),
      i.origin === 'measured'
        ? `${i.measured?.measurementUids.length ?? 0} measurement(s)`
        : i.sources.length,
    ]),
    `no event found for ${cc}`,
  );
}

async function link(
  io: Io,
  cc: string,
  edition: number,
  target: string,
  o: StoreOptions & LinkOptions,
): Promise<void> {
  const given = [o.event, o.source, o.query].filter((x) => x !== undefined);
  if (given.length !== 1)
    throw new InvalidInputError('give exactly one of --event ID, --source URL, --query FILTERS');
  const methodology = await loadMethodology();
  const to = parseTarget(methodology, target);
  const result = await withStore(o, async (store) => {
    let request: LinkRequest;
    if (o.event) request = { kind: 'event', eventId: o.event };
    else if (o.source) {
      if (!/^https?:\/\/\S+$/.test(o.source))
        throw new InvalidInputError(`--source "${o.source}" is not an http(s) URL`);
      const [id] = await storeSources(store, [o.source], await loadSourceRegistry());
      request = { kind: 'source', sourceId: id! };
    } else request = { kind: 'measurement_query', filters: parseQuery(o.query!, cc) };
    return auditedLink(store, methodology, localActing(o), {
      country: cc,
      edition,
      target: to,
      request,
      note: o.note ?? null,
    });
  });
  const link = result.stored;
  const current = link.evidence.kind === 'measurement_query' ? link.evidence.snapshot : null;
  if (o.json) return printJson(io, evidenceLinkList.toJson({ link, event: null, source: null, current }));
  io.out(`${result.result === 'unchanged' ? 'already linked' : 'linked'}: ${link.id}\n`);
}

/** The measurement filters of `--query`, read as the API reads them; probe_cc, when given, must be the country. */
function parseQuery(text: string, cc: string) {
  const { probe_cc, probe_asn, domain, category_code, since, until } = filterQuery;
  const schema = z.strictObject({ probe_cc, probe_asn, domain, category_code, since, until });
  const parsed = schema.safeParse(Object.fromEntries(new URLSearchParams(text)));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : String(issue.path[0] ?? '');
    throw new InvalidInputError(
      `--query ${name}: ${issue.message} (a saved query takes probe_cc, probe_asn, domain, category_code, since, until)`,
    );
  }
  const q = parsed.data;
  if (q.probe_cc && (q.probe_cc.length !== 1 || q.probe_cc[0] !== cc))
    throw new InvalidInputError(`--query probe_cc must be ${cc}, the country of the link`);
  return {
    ...(q.probe_asn?.length ? { probeAsn: q.probe_asn } : {}),
    ...(q.domain?.length ? { domain: q.domain } : {}),
    ...(q.category_code?.length ? { categoryCode: q.category_code } : {}),
    ...(q.since ? { since: q.since } : {}),
    ...(q.until ? { until: q.until } : {}),
  };
}
