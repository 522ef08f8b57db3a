/** Row versions for ClickHouse's ReplacingMergeTree: the highest version of a key is the row that counts. */

let lastVersion = 0;

/** Strictly increasing within the process (microseconds since the epoch), so a later write always wins. */
export function nextVersion(): number {
  lastVersion = Math.max(Date.now() * 1000, lastVersion + 1);
  return lastVersion;
}
