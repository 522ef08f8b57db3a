/**
 * Plants an XSS corpus in everything a netfreedom server shows, through its own API as a hostile submitter and a
 * hostile analyst would: measurements (input, blockpage body and title, headers, failure strings, host names),
 * events, key developments, narratives, surveys, recommendations, evidence links, sources and draft edits.
 */
import type { Payload } from './xss-corpus.js';

/** Calls the server: `token` for an analyst's writes, none for a probe's anonymous submission. */
export type ApiCall = (path: string, body: unknown, token?: string) => Promise<Response>;

/** What was planted where, and what the server refused at input (a refusal is a defence, not a failure). */
export interface Planted {
  measurementUids: string[];
  /** The domain of each host-name payload's measurement. */
  hostDomains: string[];
  refused: string[];
}

const chunks = <T>(list: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, i * size + size));

/** A source URL that carries the payload: the payload itself when it is a URL of another scheme. */
function sourceUrl(p: Payload): string {
  return /^\s*[a-z&][a-z#0-9;\t]*:/i.test(p.text) ? p.text : `https://src.example/${p.id}?q=${p.text}`;
}

/** A web_connectivity measurement of KZ whose every shown text is hostile. */
function hostileMeasurement(sample: Record<string, unknown>, group: Payload[], input: string): unknown {
  // biome-ignore lint/suspicious/noExplicitAny: a deep edit of a sample whose every field is known to exist
  const m = structuredClone(sample) as Record<string, any>;
  const all = group.map((p) => p.text).join('\n');
  m.input = input;
  m.probe_cc = 'KZ';
  m.probe_network_name = group[0]!.text;
  m.software_name = group[1]?.text ?? 'x';
  const tk = m.test_keys;
  const response = tk.requests[0].response;
  response.body = `<!doctype html><html><head><title>${all}</title></head><body>${all}</body></html>`;
  response.headers = Object.fromEntries(group.map((p) => [`X-${p.id}`, p.text]));
  response.headers.Server = group[0]!.text;
  response.headers_list = Object.entries(response.headers);
  tk.requests[0].request.url = input;
  tk.requests[0].failure = group[2]?.text ?? null;
  tk.http_experiment_failure = group[3]?.text ?? null;
  tk.control.http_request.title = all;
  tk.control.http_request.headers = { Server: group[4]?.text ?? 'x' };
  tk.blocking = 'http-diff';
  tk.accessible = false;
  return m;
}

async function mustWork(res: Response, what: string, refused: string[]): Promise<boolean> {
  if (res.status === 200) return true;
  if (res.status === 400) {
    refused.push(`${what}: ${await res.text()}`);
    return false;
  }
  throw new Error(`${what}: ${res.status} ${await res.text()}`);
}

/**
 * Plants `corpus` through `call`: measurements anonymously (twelve payloads each, and one per host name), the rest
 * with `analystToken` (an analyst of KZ) on the KZ 2024 assessment, `perRecord` payloads in each event, key
 * development, recommendation and evidence link; answers the measurement ids and what was refused.
 */
export async function plantCorpus(
  call: ApiCall,
  analystToken: string,
  corpus: Payload[],
  sample: Record<string, unknown>,
  perRecord = 1,
): Promise<Planted> {
  const planted: Planted = { measurementUids: [], hostDomains: [], refused: [] };
  const submit = async (body: unknown, what: string) => {
    const res = await call('/api/v1/measurements', body);
    if (await mustWork(res, what, planted.refused))
      planted.measurementUids.push(((await res.json()) as { measurement_uid: string }).measurement_uid);
  };
  const groups = chunks(corpus, 12);
  for (const [i, group] of groups.entries())
    await submit(
      hostileMeasurement(sample, group, `https://xss-${i}.example/${group.map((p) => p.text).join(' ')}`),
      `measurement ${i}`,
    );
  for (const p of corpus.filter((x) => x.class === 'host name')) {
    planted.hostDomains.push(new URL(`http://${p.text}/`).hostname);
    await submit(hostileMeasurement(sample, [p], `http://${p.text}/`), `measurement of ${p.id}`);
  }

  // A hostile source URL is refused by some routes: counted as refused, and the record planted with a harmless one.
  const write = async (
    path: string,
    body: (sourceUrl: string) => Record<string, unknown>,
    what: string,
    p: Payload,
  ) => {
    if (await mustWork(await call(path, body(sourceUrl(p)), analystToken), what, planted.refused)) return;
    await mustWork(await call(path, body(`https://src.example/${p.id}`), analystToken), what, []);
  };
  const join = (group: Payload[], max = 5000) =>
    group
      .map((p) => p.text)
      .join('\n')
      .slice(0, max);
  for (const [i, group] of chunks(corpus, perRecord).entries()) {
    const key = group[0]!.id;
    await write(
      '/api/v1/countries/KZ/events',
      (url) => ({
        id: `${key}-event`,
        type: 'block',
        start: '2024-01-10',
        title: join(group, 300),
        summary: join(group),
        indicators: ['B1'],
        source_urls: [url],
      }),
      `event ${key}`,
      group[0]!,
    );
    await write(
      '/api/v1/assessments/KZ/2024/key-developments',
      (url) => ({ id: `${key}-kd`, position: i + 1, text: join(group), source_urls: [url] }),
      `key development ${key}`,
      group[1] ?? group[0]!,
    );
    await write(
      '/api/v1/countries/KZ/recommendations',
      (url) => ({
        id: `${key}-rec`,
        edition: 2024,
        addressees: ['government'],
        text: join(group),
        source_urls: [url],
      }),
      `recommendation ${key}`,
      group[2] ?? group[0]!,
    );
    await write(
      '/api/v1/assessments/KZ/2024/evidence',
      () => ({ target: 'B1', event_id: `${key}-event`, note: join(group, 1000) }),
      `evidence link ${key}`,
      group[0]!,
    );
  }
  const questions = ['A1', 'A2', 'A3', 'A4', 'A5', 'B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'B7'];
  for (const [i, group] of groups.entries()) {
    const q = questions[i % questions.length]!;
    const control = `KIC${(i % 9) + 1}`;
    await write(
      `/api/v1/assessments/KZ/2024/narratives/${q}`,
      (url) => ({ text: join(group), score_change: join(group), source_urls: [url] }),
      `narrative ${q}`,
      group[0]!,
    );
    await write(
      `/api/v1/assessments/KZ/2024/questions/${q}`,
      (url) => ({ score: 1, justification: join(group), source_url: url }),
      `draft edit ${q}`,
      group[1] ?? group[0]!,
    );
    await write(
      `/api/v1/assessments/KZ/2024/controls/${control}`,
      (url) => ({ answer: 'yes', evidence: join(group), source_url: url }),
      `draft control ${control}`,
      group[2] ?? group[0]!,
    );
  }
  await write(
    '/api/v1/countries/KZ/surveys',
    (url) => ({
      id: 'zq-survey',
      edition: 2024,
      method: corpus[0]!.text,
      population: corpus[1]!.text,
      questions: corpus.map((p) => ({
        question: p.text,
        sample_size: 1000,
        answers: [{ answer: p.text.slice(0, 200), share: 0.5 }],
      })),
      source_urls: [url],
    }),
    'survey',
    corpus[2]!,
  );
  return planted;
}
