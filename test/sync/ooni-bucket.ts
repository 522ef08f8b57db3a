/**
 * A bucket in OONI's layout built from the real samples of data/ooni/measurements/: raw/YYYYMMDD/HH/CC/TEST/ objects
 * (lines as OONI's uploader writes them: the probe's measurement, without a measurement_uid) over two days, hours,
 * countries and tests, the older jsonl/TEST/CC/YYYYMMDD/ layout for the records that carry a legacy uid, an hour split
 * into several keys, a truncated gzip, an object that is not gzip at all, a postcan beside them, and objects of
 * countries and tests the sync does not ask for.
 */
import { gzipSync } from 'node:zlib';
import { loadSamples } from '../support/ooni-samples.js';

export interface BucketObject {
  key: string;
  body: Buffer;
  /** Whether a sync of ASK fetches it. */
  asked: boolean;
}

export const ASK = {
  countries: ['IT', 'US', 'RU'],
  tests: ['web_connectivity', 'signal', 'tor', 'telegram'],
  since: '2024-03-01',
  until: '2024-03-03',
};
/** The older layout's day (the sync window is widened to it where a test needs it). */
export const LEGACY_DAY = '2020-03-02';

const LEGACY_UID = /^01\d{8}[0-9a-f]{30}$/;

function folder(test: string): string {
  return test.replaceAll('_', '');
}

function compact(day: string): string {
  return day.replaceAll('-', '');
}

/** Every object of the bucket, in key order. */
export function buildOoniBucket(): BucketObject[] {
  const samples = loadSamples()
    .filter((s) => !s.row.origin.includes('synthetic') && typeof s.measurement.probe_cc === 'string')
    .map((s) => s.measurement as unknown as Record<string, unknown>);
  const groups = new Map<string, string[]>();
  const add = (key: string, line: string) => groups.set(key, [...(groups.get(key) ?? []), line]);
  for (const [i, m] of samples.entries()) {
    const cc = m.probe_cc as string;
    const test = m.test_name as string;
    const uid = m.measurement_uid;
    if (typeof uid === 'string' && LEGACY_UID.test(uid)) {
      // Before October 2020: jsonl/TEST/CC/YYYYMMDD/, records with their legacy uid.
      add(
        `jsonl/${folder(test)}/${cc}/${compact(LEGACY_DAY)}/00/${compact(LEGACY_DAY)}_${cc}_${folder(test)}.l.0.jsonl.gz`,
        JSON.stringify(m),
      );
      continue;
    }
    const { measurement_uid: _, ...raw } = m;
    const day = i % 2 === 0 ? '2024-03-01' : '2024-03-02';
    const hour = String((i * 5) % 24).padStart(2, '0');
    const stem = `${compact(day)}${hour}_${cc}_${folder(test)}`;
    add(`raw/${compact(day)}/${hour}/${cc}/${folder(test)}/${stem}.n1.0.jsonl.gz`, JSON.stringify(raw));
  }
  // IT web_connectivity of one hour comes in several files, as busy hours do (several collectors, files cut at a
  // size).
  const itLines = [...groups].filter(
    ([key]) => key.startsWith('raw/') && key.includes('/IT/webconnectivity/'),
  );
  for (const [key] of itLines) groups.delete(key);
  const lines = itLines.flatMap(([, l]) => l);
  for (const [part, name] of ['n1.0', 'n1.1', 'n2.0'].entries())
    groups.set(
      `raw/20240301/05/IT/webconnectivity/2024030105_IT_webconnectivity.${name}.jsonl.gz`,
      lines.filter((_, j) => j % 3 === part),
    );
  const asked = (key: string) => {
    const raw = /^raw\/(\d{8})\/\d{2}\/([A-Z]{2})\/([a-z]+)\//.exec(key);
    const legacy = /^jsonl\/([a-z]+)\/([A-Z]{2})\/(\d{8})\//.exec(key);
    const tests = ASK.tests.map(folder);
    if (raw)
      return (
        ['20240301', '20240302'].includes(raw[1]!) &&
        ASK.countries.includes(raw[2]!) &&
        tests.includes(raw[3]!)
      );
    if (legacy) return ASK.countries.includes(legacy[2]!) && tests.includes(legacy[1]!);
    return false;
  };
  const objects: BucketObject[] = [...groups].map(([key, lines]) => ({
    key,
    body: gzipSync(`${lines.join('\n')}\n`),
    asked: asked(key),
  }));
  const it = samples.filter(
    (m) => m.probe_cc === 'IT' && m.test_name === 'web_connectivity' && !m.measurement_uid,
  );
  // A gzip cut short: the lines before the cut are read, the object is counted as broken off.
  const whole = gzipSync(
    `${it.map((m) => JSON.stringify({ ...m, report_id: `truncated-${m.report_id}` })).join('\n')}\n`,
  );
  objects.push({
    key: 'raw/20240302/07/US/webconnectivity/2024030207_US_webconnectivity.n2.0.jsonl.gz',
    body: whole.subarray(0, Math.floor(whole.length * 0.6)),
    asked: true,
  });
  // Not gzip at all (an error page stored under a measurement file's name): its lines are refused, not guessed.
  objects.push({
    key: 'raw/20240302/09/RU/signal/2024030209_RU_signal.n1.0.jsonl.gz',
    body: Buffer.from('<html><body>502 Bad Gateway</body></html>\n<!-- proxy -->\n'),
    asked: true,
  });
  // A postcan beside the JSONL files (the same measurements, tarred): not a measurement file for sync.
  objects.push({
    key: 'raw/20240301/05/IT/webconnectivity/2024030105_IT_webconnectivity.n1.0.tar.gz',
    body: gzipSync('not read'),
    asked: false,
  });
  return objects.sort((a, b) => a.key.localeCompare(b.key));
}
