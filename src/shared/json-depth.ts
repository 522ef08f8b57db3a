/** How deeply a parsed JSON value nests, checked without recursion, so that untrusted JSON never reaches a recursive walk too deep. */

/**
 * The deepest nesting of containers netfreedom accepts in a JSON document. V8's JSON.parse is iterative, but
 * JSON.stringify, structured cloning, Array.prototype.join and any recursive walk of ours overflow the stack a few
 * thousand levels down (at depth 5,000 in a fresh Node 20 process, sooner with frames already on the stack).
 * The deepest record among OONI's and Censored Planet's published samples (data/ooni, data/censoredplanet)
 * nests 9 levels (a `tor` measurement), so 64 leaves room for formats to grow and stays far from any overflow.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether `value` nests containers more than `max` levels deep: a scalar is depth 0, `[]` and `{}` depth 1,
 * `{"a":[1]}` depth 2. Walks one level at a time over objects and arrays only (strings are never read), and stops
 * as soon as level `max + 1` holds a container.
 */
export function jsonDepthExceeds(value: unknown, max = MAX_JSON_DEPTH): boolean {
  let level: object[] = typeof value === 'object' && value !== null ? [value] : [];
  for (let depth = 1; level.length > 0; depth++) {
    if (depth > max) return true;
    const next: object[] = [];
    for (const container of level) {
      if (Array.isArray(container)) {
        for (const v of container) if (typeof v === 'object' && v !== null) next.push(v);
      } else {
        // for...in rather than Object.values: no array per object, four times faster over OONI records. JSON.parse
        // makes every key an own property (even "__proto__"), so for...in sees them all.
        for (const key in container) {
          const v = (container as Record<string, unknown>)[key];
          if (typeof v === 'object' && v !== null) next.push(v);
        }
      }
    }
    level = next;
  }
  return false;
}
