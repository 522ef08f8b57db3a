/** `netfreedom assessment compare`: several countries side by side, each row saying which edition it is. */
import { Argument, type Command } from 'commander';
import { type ComparisonRow, compare, compareLatest } from '../../assessment/history.js';
import { comparisonList } from '../../server/contract/assessment-views-json.js';
import { NotFoundError } from '../../shared/errors.js';
import { addOptions, type JsonOption, jsonOption, type OptionTable } from '../option-table.js';
import { formatTable, printJson } from '../output.js';
import { parseCountry, parseYear } from '../parse-args.js';
import { action, type CliContext, type Io } from '../run-command.js';
import { addStoreOptions, type StoreOptions, withExistingStore } from '../store-options.js';

interface CompareOptions extends JsonOption {
  edition?: number;
}

const COMPARE_OPTIONS: OptionTable<CompareOptions> = {
  edition: {
    flags: '--edition <year>',
    description: "compare this edition (report year); default: each country's latest",
    parse: parseYear,
  },
  ...jsonOption(),
};

export function registerCompare(assessment: Command, ctx: CliContext): void {
  addStoreOptions(
    addOptions(
      assessment
        .command('compare')
        .description(
          'several countries, each at its latest edition (or at --edition), ranked among the countries assessed in that edition; exit 1 only when none has data',
        )
        .addArgument(
          new Argument('<countries...>', 'two-letter country codes').argParser(
            (value, previous: string[] = []) => [...previous, parseCountry(value)],
          ),
        ),
      COMPARE_OPTIONS,
    ),
  ).action(
    action(ctx, (countries: string[], opts: StoreOptions & CompareOptions) =>
      compareCountries(ctx.io, countries, opts),
    ),
  );
}

/**
 * A journalist comparing countries wants each one's most recent score, labelled with its year, rather than
 * a country dropped because it lacks the newest edition; `--edition` asks for one edition, and the countries
 * without it are named under the table.
 */
async function compareCountries(
  io: Io,
  countries: string[],
  opts: StoreOptions & CompareOptions,
): Promise<void> {
  const codes = [...new Set(countries)];
  const { edition } = opts;
  const listed = await withExistingStore(opts, (store) => store.assessments.list(edition ? { edition } : {}));
  const rows =
    edition === undefined
      ? compareLatest(listed, codes)
      : compare(listed).filter((r) => codes.includes(r.country));
  const missing = codes.filter((c) => !rows.some((r) => r.country === c));
  const noneFor = (cs: string[]) =>
    `no ${edition === undefined ? '' : `${edition} `}assessment for ${cs.join(', ')}`;
  if (rows.length === 0) throw new NotFoundError(noneFor(codes));
  if (opts.json)
    return printJson(io, { edition: edition ?? null, countries: rows.map(comparisonList.toJson), missing });
  io.out(comparisonTable(rows));
  if (missing.length > 0) io.out(`${noneFor(missing)}\n`);
  // "2 of 7" reads like a world ranking unless it says what the 7 are.
  if (new Set(rows.map((r) => r.edition)).size > 1)
    io.out(
      "each country's latest edition; a rank is among the countries of this dataset with a total for that edition, " +
        'not among every country Freedom House assessed (--edition YEAR compares one edition)\n',
    );
  else if (rows[0]!.rank !== null)
    io.out(
      `ranks are among the ${rows[0]!.rankedAmong} countries of this dataset with a ${rows[0]!.edition} total, ` +
        'not among every country Freedom House assessed\n',
    );
}

function comparisonTable(rows: ComparisonRow[]): string {
  return formatTable(
    ['rank', 'country', 'edition', 'total', 'A', 'B', 'C', 'status'],
    rows.map((r) => [
      r.rank === null ? null : `${r.rank} of ${r.rankedAmong}`,
      r.country,
      r.scale === 'legacy' ? `${r.edition} (legacy: 0 = most free)` : r.edition,
      r.total,
      r.categories.A ?? null,
      r.categories.B ?? null,
      r.categories.C ?? null,
      r.status,
    ]),
  );
}
