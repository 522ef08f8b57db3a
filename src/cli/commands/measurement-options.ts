/** What the measurement commands share: the filter options with their parsers, and what an empty answer says. */
import { InvalidArgumentError } from 'commander';
import { isIsoDate } from '../../shared/dates.js';
import type { MeasurementFilter } from '../../store/measurement-store.js';
import type { OptionTable } from '../option-table.js';
import { parseCodes, parseCountry } from '../parse-args.js';

export function parseDate(value: string): string {
  if (!isIsoDate(value)) throw new InvalidArgumentError(`"${value}" is not a date such as 2024-03-01`);
  return value;
}

export function parseAsns(value: string): string[] {
  const asns = value.split(',').map((a) => a.trim().toUpperCase());
  if (asns.some((a) => !/^(AS)?\d{1,10}$/.test(a))) {
    throw new InvalidArgumentError(`"${value}" is not a comma-separated list of ASNs such as AS9198,AS21299`);
  }
  return asns.map((a) => (a.startsWith('AS') ? a : `AS${a}`));
}

export function parseDomains(value: string): string[] {
  const d = value.split(',').map((x) => x.trim().toLowerCase());
  if (d.some((x) => !/^[a-z0-9.-]{1,253}$/.test(x))) {
    throw new InvalidArgumentError(`"${value}" is not a comma-separated list of domains`);
  }
  return d;
}

function parseCountries(value: string): string[] {
  return value.split(',').map((c) => parseCountry(c.trim()));
}

/** The filters `aggregate` and `blocked` take (`blocked` names its country as an argument instead). */
export interface FilterOptions {
  probeCc?: string[];
  probeAsn?: string[];
  domain?: string[];
  category?: string[];
  since?: string;
  until?: string;
  includeSimulated?: boolean;
}

export const FILTER_OPTIONS: OptionTable<FilterOptions> = {
  probeCc: { flags: '--probe-cc <cc,...>', description: 'countries', parse: parseCountries },
  probeAsn: { flags: '--probe-asn <asn,...>', description: 'networks (AS9198 or 9198)', parse: parseAsns },
  domain: { flags: '--domain <domain,...>', description: 'domains', parse: parseDomains },
  category: { flags: '--category <code,...>', description: 'Citizen Lab category codes', parse: parseCodes },
  since: { flags: '--since <date>', description: 'first day (YYYY-MM-DD)', parse: parseDate },
  until: { flags: '--until <date>', description: 'day after the last (exclusive)', parse: parseDate },
  includeSimulated: {
    flags: '--include-simulated',
    description: 'include measurements from simulated networks',
  },
};

export function toFilter(o: FilterOptions): MeasurementFilter {
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

/** What an empty answer says, and that simulated measurements were left out when they were. */
export function noneFound(what: string, o: FilterOptions): string {
  return `no ${what}${o.includeSimulated ? '' : ' (simulated measurements are left out: --include-simulated adds them)'}`;
}
