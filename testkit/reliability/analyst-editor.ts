/**
 * A signed-in analyst editing through the API while the server is under load, and the check that every edit the
 * server acknowledged is in the store afterwards: each editor sets its own question's score in the KZ 2024 draft and
 * records new events, one request at a time, so that at a kill at most one of its edits is in flight.
 */
import { getRevision, visibleEvidence } from '../../src/assessment/revisions.js';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.js';

export const ANALYST = { name: 'crash-analyst', password: 'correct horse battery staple' };

/** Signs in through the API and answers the session cookie (`name=value`). */
export async function signIn(url: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify(ANALYST),
  });
  if (res.status !== 200) throw new Error(`sign-in: ${res.status} ${await res.text()}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

/** What one editor has done across rounds. */
export interface EditorState {
  question: string;
  /** The last score the server acknowledged, and one sent after it that may or may not have landed. */
  acknowledgedScore: number | null;
  inFlightScore: number | null;
  /** Event ids acknowledged as recorded; the one in flight at a kill may or may not be there. */
  events: string[];
  inFlightEvent: string | null;
  edits: number;
}

export function editorState(k: number): EditorState {
  return {
    question: `B${k + 1}`,
    acknowledgedScore: null,
    inFlightScore: null,
    events: [],
    inFlightEvent: null,
    edits: 0,
  };
}

/**
 * Edits until `stop()` or until a request fails (the server was killed); answers the failures seen while the
 * server was meant to be up (`up()`), which are errors of the product.
 */
export async function editLoop(
  url: string,
  cookie: string,
  s: EditorState,
  stop: () => boolean,
  up: () => boolean,
) {
  const failures: string[] = [];
  const post = async (path: string, body: unknown): Promise<boolean> => {
    try {
      const res = await fetch(`${url}/api/v1${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: url, cookie },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      if (res.status === 200) return true;
      if (up()) failures.push(`POST ${path} answered ${res.status}: ${text.slice(0, 200)}`);
    } catch (err) {
      if (up()) failures.push(`POST ${path} failed while the server was up: ${(err as Error).message}`);
    }
    return false;
  };
  while (!stop()) {
    const n = s.edits++;
    if (n % 2 === 0) {
      const score = n % 3;
      s.inFlightScore = score;
      const ok = await post(`/assessments/KZ/2024/questions/${s.question}`, {
        score,
        justification: `crash test edit ${n}`,
        source_url: 'https://ooni.org/post/2024-kazakhstan-report/',
      });
      if (!ok) return failures;
      s.acknowledgedScore = score;
      s.inFlightScore = null;
    } else {
      const id = `crash-${s.question.toLowerCase()}-${n}`;
      s.inFlightEvent = id;
      const ok = await post('/countries/KZ/events', {
        id,
        type: 'block',
        start: '2024-01-10',
        title: `Edit ${n} of ${s.question}`,
        summary: 'Recorded by the crash test.',
        indicators: [s.question],
        source_urls: ['https://ooni.org/post/2024-kazakhstan-report/'],
      });
      if (!ok) return failures;
      s.events.push(id);
      s.inFlightEvent = null;
    }
  }
  return failures;
}

/**
 * Acknowledged edits missing from the store (a score that is neither the last acknowledged nor the one in flight,
 * an acknowledged event absent, or present without its audit entry). Clears what was in flight: it landed or not.
 */
export async function lostEdits(db: string, editors: EditorState[]): Promise<string[]> {
  const lost: string[] = [];
  const store = await DuckDbStore.open(db);
  try {
    const revision = await getRevision(store, 'KZ', 2024);
    for (const s of editors) {
      const score = revision?.draft.questions.find((q) => q.questionId === s.question)?.score ?? null;
      if (s.acknowledgedScore !== null && score !== s.acknowledgedScore && score !== s.inFlightScore)
        lost.push(`${s.question}: ${score} in the draft, ${s.acknowledgedScore} acknowledged`);
      if (score === s.inFlightScore) s.acknowledgedScore = score;
      s.inFlightScore = null;
      // An event waits in the draft revision until a reviewer publishes it: acknowledged means held there.
      const held = (id: string) => visibleEvidence(store, { country: 'KZ', edition: 2024 }, 'event', id);
      for (const id of s.events) {
        if (!(await held(id))) lost.push(`event ${id} acknowledged but missing`);
        else if ((await store.audit.list({ entity: `event:${id}` })).length === 0)
          lost.push(`event ${id} stored without its audit entry`);
      }
      if (s.inFlightEvent && (await held(s.inFlightEvent))) s.events.push(s.inFlightEvent);
      s.inFlightEvent = null;
    }
  } finally {
    await store.close();
  }
  return lost;
}
