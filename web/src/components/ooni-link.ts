/** Where a measurement can be seen on OONI Explorer: only for OONI's own ids, never for the ids netfreedom gives. */
import { OONI_UID_PATTERN } from '../../../src/model/measurement-id.js';

const EXPLORER = 'https://explorer.ooni.org';

/**
 * OONI Explorer's page of the measurement `uid`: `/m/UID` for the current shape (`20240514233718.029308_KZ_…`);
 * for the legacy `01…` shape, `/measurement/REPORT_ID?input=…` built from its record (`raw`), when it has a
 * report_id; null otherwise, and for netfreedom's `h-` and `cp-` ids, which OONI does not know.
 */
export function ooniExplorerUrl(uid: string, raw?: unknown): string | null {
  if (!OONI_UID_PATTERN.test(uid)) return null;
  if (!uid.startsWith('01')) return `${EXPLORER}/m/${uid}`;
  const record = raw && typeof raw === 'object' ? (raw as { report_id?: unknown; input?: unknown }) : {};
  const report = record.report_id;
  // Measurement data is hostile: a report id is letters, digits, '_' and '-' only, or there is no link.
  if (typeof report !== 'string' || !/^[A-Za-z0-9_-]{1,200}$/.test(report)) return null;
  const input = typeof record.input === 'string' ? `?input=${encodeURIComponent(record.input)}` : '';
  return `${EXPLORER}/measurement/${report}${input}`;
}
