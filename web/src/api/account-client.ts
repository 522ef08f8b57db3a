/**
 * Signing in and out, who is signed in, an assessment's revision and the analysts' and reviewers' writes to it: the
 * dashboard's calls that need an account.
 */
import { ApiError, apiUrl } from './client.js';
import type {
  Assessment,
  AuditEntry,
  ControlSuggestion,
  IndicatorNarrative,
  ListPage,
  Principal,
  Revision,
} from './types.js';

async function send<T>(
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  credentials: RequestCredentials = 'same-origin',
): Promise<T> {
  let res: Response;
  try {
    // Same origin: the browser sends the session cookie and the Origin header the server's CSRF check reads.
    res = await fetch(apiUrl(path), {
      method,
      credentials,
      headers: {
        Accept: 'application/json',
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch (err) {
    throw new ApiError(0, 'NETWORK', err instanceof Error ? err.message : String(err));
  }
  if (!res.ok) {
    const answer = (await res.json().catch(() => null)) as {
      error?: { code: string; message: string };
    } | null;
    throw new ApiError(res.status, answer?.error?.code ?? 'HTTP', answer?.error?.message ?? res.statusText);
  }
  return (await res.json()) as T;
}

export const accountApi = {
  signIn: (name: string, password: string) =>
    send<{ user: Principal; expires_at: string }>('POST', '/auth/login', { name, password }),
  signOut: () => send<{ done: string }>('POST', '/auth/logout', {}),
  /** Who is signed in, or null. */
  me: () =>
    send<Principal>('GET', '/auth/me').catch((err: unknown) => {
      if (err instanceof ApiError && err.status === 401) return null;
      throw err;
    }),
  revision: (cc: string, edition: number) => send<Revision>('GET', `${at(cc, edition)}/revision`),
  /** The published narratives, as the public reads them (without the session, which would get the draft's). */
  publishedNarratives: (cc: string, edition: number) =>
    send<ListPage<IndicatorNarrative>>('GET', `${at(cc, edition)}/narratives?limit=100`, undefined, 'omit'),
  /** The published assessment as the public sees it: asked without the session, which would get an open revision. */
  published: (cc: string, edition: number) => send<Assessment>('GET', at(cc, edition), undefined, 'omit'),
  /** One question's score in the draft, with the reason and its source. */
  setScore: (cc: string, edition: number, question: string, body: ScoreEdit) =>
    send<Revision>('POST', `${at(cc, edition)}/questions/${encodeURIComponent(question)}`, body),
  /** One question's narrative, with the explanation of a score change since the previous edition. */
  writeNarrative: (cc: string, edition: number, question: string, body: NarrativeEdit) =>
    send<WriteResult>('POST', `${at(cc, edition)}/narratives/${encodeURIComponent(question)}`, body),
  setControl: (cc: string, edition: number, control: string, body: ControlEdit) =>
    send<Revision>('POST', `${at(cc, edition)}/controls/${encodeURIComponent(control)}`, body),
  decideSuggestion: (cc: string, edition: number, control: string, decision: 'accept' | 'reject') =>
    send<ControlSuggestion>(
      'POST',
      `${at(cc, edition)}/suggestions/${encodeURIComponent(control)}/${decision}`,
    ),
  /** A key development of the assessment, into its draft. */
  addKeyDevelopment: (cc: string, edition: number, body: object) =>
    send<WriteResult>('POST', `${at(cc, edition)}/key-developments`, body),
  /** Evidence linked to a question or control: a measurement query keeps its figures as a snapshot. */
  linkEvidence: (cc: string, edition: number, body: object) =>
    send<WriteResult>('POST', `${at(cc, edition)}/evidence`, body),
  addSurvey: (cc: string, body: object) =>
    send<WriteResult>('POST', `/countries/${encodeURIComponent(cc)}/surveys`, body),
  addRecommendation: (cc: string, body: object) =>
    send<WriteResult>('POST', `/countries/${encodeURIComponent(cc)}/recommendations`, body),
  addEvent: (cc: string, body: EventEdit) =>
    send<WriteResult>('POST', `/countries/${encodeURIComponent(cc)}/events`, body),
  /** A review step: submit (analyst), return with a comment or publish (reviewer). */
  step: (cc: string, edition: number, step: 'submit' | 'return' | 'publish', comment?: string) =>
    send<Revision>('POST', `${at(cc, edition)}/${step}`, comment ? { comment } : {}),
  /** The audit entries of one entity (`assessment:KZ:2024`), newest first. */
  audit: (entity: string) =>
    send<ListPage<AuditEntry>>('GET', `/audit?entity=${encodeURIComponent(entity)}&limit=200`),
};

function at(cc: string, edition: number): string {
  return `/assessments/${encodeURIComponent(cc)}/${edition}`;
}

export interface ScoreEdit {
  score: number | null;
  justification: string;
  source_url: string;
}
export interface NarrativeEdit {
  text: string;
  score_change: string | null;
  source_urls: string[];
}
export interface ControlEdit {
  answer: 'yes' | 'no' | 'unknown';
  evidence: string;
  source_url: string;
}
export interface EventEdit {
  id: string;
  /** The assessment whose draft holds it. */
  edition: number;
  type: string;
  start: string;
  title: string;
  summary: string;
  source_urls: string[];
}
export interface WriteResult {
  kind: string;
  id: string;
  result: string;
}
