/** Timestamps as the sources write them (OONI "YYYY-MM-DD HH:MM:SS" UTC, ISO 8601, Go's time.String()) → ISO UTC. */

const OONI = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?Z?$/;
/** Go's default format: "2021-10-20 14:51:41.221546144 -0400 EDT". */
const GO = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(\.\d+)? ([+-])(\d{2})(\d{2})(?: [A-Z]{2,5})?$/;
const ISO_OFFSET = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d+)?([+-]\d{2}:\d{2})$/;

/** ISO 8601 UTC with second precision ("2024-03-01T10:00:00Z"), or null if the text is not a time we know. */
export function parseTime(text: unknown): string | null {
  if (typeof text !== 'string' || text.length > 64) return null;
  let ms = Number.NaN;
  const ooni = OONI.exec(text);
  const go = ooni ? null : GO.exec(text);
  const iso8601 = ooni || go ? null : ISO_OFFSET.exec(text);
  if (ooni) ms = Date.parse(`${ooni[1]}T${ooni[2]}Z`);
  else if (go) ms = Date.parse(`${go[1]}T${go[2]}${go[4]}${go[5]}:${go[6]}`);
  else if (iso8601) ms = Date.parse(`${iso8601[1]}T${iso8601[2]}${iso8601[4]}`);
  if (Number.isNaN(ms)) return null;
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 19)}Z`;
}
