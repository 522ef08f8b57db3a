/**
 * Sends one measurement's JSON text to a netfreedom server (`POST /api/v1/measurements`), which stores it under a
 * hash of its content: the same text sent twice answers `duplicate`. The answer is classified for the queue:
 * stored, refused for good, or to be retried (unreachable, timed out, 408, 429, 5xx).
 */

export type SendResult =
  | { kind: 'stored'; uid: string; status: 'added' | 'duplicate' }
  | { kind: 'refused'; reason: string }
  | { kind: 'retry'; reason: string; retryAfterMs: number | null };

/**
 * Posts `text` to `server`, with a registered probe's token when given (its submissions then count as trusted);
 * never throws (a network failure is a `retry`).
 */
export async function submitText(
  server: string,
  text: string,
  options: { token?: string; timeoutMs?: number } = {},
): Promise<SendResult> {
  const url = new URL('/api/v1/measurements', server);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      },
      body: text,
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    return {
      kind: 'retry',
      reason: `${url.origin} unreachable (${cause ?? (err as Error).message})`,
      retryAfterMs: null,
    };
  }
  const body = await response.text().catch(() => '');
  let answer: { measurement_uid?: unknown; status?: unknown; error?: { message?: unknown } } = {};
  try {
    answer = JSON.parse(body);
  } catch {
    // The reason below says what came back.
  }
  if (response.ok && typeof answer.measurement_uid === 'string') {
    return {
      kind: 'stored',
      uid: answer.measurement_uid,
      status: answer.status === 'duplicate' ? 'duplicate' : 'added',
    };
  }
  const said = typeof answer.error?.message === 'string' ? answer.error.message : `HTTP ${response.status}`;
  const reason = `${url.origin} answered ${response.status}: ${said.slice(0, 200)}`;
  if (response.status === 408 || response.status === 429 || response.status >= 500 || response.ok)
    return { kind: 'retry', reason, retryAfterMs: retryAfter(response.headers.get('retry-after')) };
  return { kind: 'refused', reason };
}

/** Retry-After in seconds (or an HTTP date) as milliseconds; null when absent or unreadable. */
function retryAfter(value: string | null): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}
