/** Argument parsers for commander: a bad value is a usage error (exit 2) that names the value. */
import { InvalidArgumentError } from 'commander';

export function parseYear(value: string): number {
  if (!/^\d{4}$/.test(value)) throw new InvalidArgumentError(`"${value}" is not a year such as 2024`);
  return Number(value);
}

export function parseCountry(value: string): string {
  if (!/^[A-Za-z]{2}$/.test(value))
    throw new InvalidArgumentError(`"${value}" is not a two-letter country code such as KZ`);
  return value.toUpperCase();
}

export function parsePositiveInt(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new InvalidArgumentError(`"${value}" is not a positive integer`);
  return Number(value);
}

export function parseNonNegativeInt(value: string): number {
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value)))
    throw new InvalidArgumentError(`"${value}" is not a whole number (0 or more)`);
  return Number(value);
}

export function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 0 || n > 65535)
    throw new InvalidArgumentError(`"${value}" is not a port number`);
  return n;
}

/** Comma-separated codes, upper-cased: "news,HUMR" -> ["NEWS", "HUMR"]. */
export function parseCodes(value: string): string[] {
  const codes = value
    .split(',')
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);
  if (codes.length === 0 || codes.some((c) => !/^[A-Z0-9]+$/.test(c))) {
    throw new InvalidArgumentError(`"${value}" is not a comma-separated list of codes such as NEWS,HUMR`);
  }
  return codes;
}
