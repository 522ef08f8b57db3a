/**
 * OONI fastpath's score for `signal` (ooni/backend fastpath/core.py `score_signal`), with its workarounds for known
 * probe bugs: test version 0.2.4 (ooni/probe#2636), 0.2.3 or older from 2023-11-07 (ooni/probe#2627), older than
 * 0.2.2 from 2022-10-19 (ooni/probe#2344), and an OONI engine older than 3.17.2 from 2023-05-02
 * (ooni/backend#679) all count as failures. The engine rule is about OONI's engine: netfreedom's measurements,
 * which name no OONI engine version, are not held to it (OONI's own fastpath would count them as failures).
 */
import type { Measurement } from '../../model/measurement.js';

/** blocking_general and accuracy, as fastpath computes them. */
export interface FastpathScore {
  blocking: number;
  accuracy: number;
}

const FAILED: FastpathScore = { blocking: 0, accuracy: 0 };

export function scoreSignal(tk: Record<string, unknown>, m: Measurement): FastpathScore {
  // Python's dict.get(k, True): the default applies only when the key is absent, not when it is null.
  const get = (k: string) => (k in tk ? tk[k] : true);
  const accuracy = get('failed_operation') || get('failure') ? 0 : 1;
  try {
    const version = typeof m.test_version === 'string' && m.test_version ? m.test_version : '0.0.0';
    const start = parseStartTime(m.measurement_start_time);
    if (start === null) return FAILED;
    if (version === '0.2.4') return FAILED;
    if (compareVersions(version, '0.2.3') <= 0 && start >= Date.UTC(2023, 10, 7)) return FAILED;
    if (compareVersions(version, '0.2.2') < 0 && start >= Date.UTC(2022, 9, 19)) return FAILED;
    const annotations = (m.annotations && typeof m.annotations === 'object' ? m.annotations : {}) as Record<
      string,
      unknown
    >;
    if (annotations.engine_name !== 'netfreedom') {
      const engine =
        typeof annotations.engine_version === 'string' && annotations.engine_version
          ? annotations.engine_version
          : '0.0.0';
      if (compareVersions(engine, '3.17.2') < 0 && start >= Date.UTC(2023, 4, 2)) return FAILED;
    }
  } catch {
    return FAILED;
  }
  if (tk.signal_backend_status === 'ok') return { blocking: 0, accuracy };
  if (tk.signal_backend_status === 'blocked') return { blocking: 1, accuracy };
  return FAILED;
}

/** "YYYY-MM-DD hh:mm:ss" (strptime's format) as UTC milliseconds; null when absent. Throws when malformed. */
function parseStartTime(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(String(value));
  if (!m) throw new Error(`measurement_start_time ${String(value)}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

/**
 * Compares two versions as Python's packaging does for the shapes probes send ("3.17.0", "3.17.0-alpha",
 * "3.10.0-beta.3"): the release numbers, then a pre-release before its release. Throws on anything else, as
 * `Version()` raises and fastpath then scores a failure.
 */
export function compareVersions(a: string, b: string): number {
  const pa = parseVersion(a);
  const pb = parseVersion(b);
  for (let i = 0; i < Math.max(pa.release.length, pb.release.length); i++) {
    const d = (pa.release[i] ?? 0) - (pb.release[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return (pa.pre ? 0 : 1) - (pb.pre ? 0 : 1);
}

function parseVersion(v: string): { release: number[]; pre: boolean } {
  const m =
    /^v?(\d+(?:\.\d+)*)(?:[-_.]?(a|alpha|b|beta|c|rc|pre|preview|dev)[-_.]?\d*)?(?:\+[a-z0-9.]+)?$/i.exec(
      v.trim(),
    );
  if (!m) throw new Error(`not a version: ${v}`);
  return { release: m[1]!.split('.').map(Number), pre: m[2] !== undefined };
}
