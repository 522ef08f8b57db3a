/**
 * Where OONI's archive keeps a country's measurements of a test on a day: `raw/YYYYMMDD/HH/CC/TESTNAME/` since
 * 2020-10-20 (the hour the collector received them), `jsonl/TESTNAME/CC/YYYYMMDD/` before 2020-10-21, the test
 * name without underscores in both. Each folder holds `.jsonl.gz` files (and, in raw/, `.tar.gz` postcans of the
 * same measurements, which sync does not read).
 */

/** The first day of the `raw/` layout, and the first day the older `jsonl/` layout no longer covers. */
export const RAW_LAYOUT_FROM = '2020-10-20';
export const JSONL_LAYOUT_UNTIL = '2020-10-21';

export interface ArchivePrefix {
  prefix: string;
  probeCc: string;
  testName: string;
}

/** `web_connectivity` → `webconnectivity`, as the archive's folders and file names spell it. */
export function archiveTestName(testName: string): string {
  return testName.replaceAll('_', '').toLowerCase();
}

/** Days from `since` (included) to `until` (excluded), as YYYY-MM-DD. */
export function daysBetween(since: string, until: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${since}T00:00:00Z`); t < Date.parse(`${until}T00:00:00Z`); t += 86_400_000)
    days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/** The prefixes to list for these countries, tests and days (`until` excluded), in time order. */
export function archivePrefixes(
  countries: string[],
  tests: string[],
  since: string,
  until: string,
): ArchivePrefix[] {
  const out: ArchivePrefix[] = [];
  for (const day of daysBetween(since, until)) {
    const compact = day.replaceAll('-', '');
    for (const probeCc of countries) {
      for (const testName of tests) {
        const test = archiveTestName(testName);
        if (day < JSONL_LAYOUT_UNTIL)
          out.push({ prefix: `jsonl/${test}/${probeCc}/${compact}/`, probeCc, testName });
        if (day >= RAW_LAYOUT_FROM) {
          for (let hour = 0; hour < 24; hour++) {
            const hh = String(hour).padStart(2, '0');
            out.push({ prefix: `raw/${compact}/${hh}/${probeCc}/${test}/`, probeCc, testName });
          }
        }
      }
    }
  }
  return out;
}

/** Measurement files; postcans (`.tar.gz`) and anything else in the folders are left alone. */
export function isMeasurementKey(key: string): boolean {
  return key.endsWith('.jsonl.gz');
}
