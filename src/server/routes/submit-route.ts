/**
 * `POST /api/v1/measurements`: a probe submits one OONI-format measurement. Size-limited, rate-limited,
 * validated, idempotent by measurement id, and stored (committed) before the answer.
 */
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Analyzer } from '../../ingest/analyzer.js';
import { RecordError, recordsFromText } from '../../ingest/to-records.js';
import { InvalidDataError, NetfreedomError } from '../../shared/errors.js';
import type { MeasurementStore } from '../../store/measurement-store.js';
import type { ApiRouter } from '../api-router.js';
import { rateLimit } from '../rate-limit.js';

/** Larger than any real web_connectivity measurement we have seen (bodies are truncated by probes). */
export const MAX_SUBMISSION_BYTES = 4 * 1024 * 1024;

export class PayloadTooLargeError extends NetfreedomError {
  constructor() {
    super('PAYLOAD_TOO_LARGE', `a submission may be at most ${MAX_SUBMISSION_BYTES} bytes`);
  }
}

export interface SubmitOptions {
  analyze: Analyzer;
  /** Submissions per minute and client. */
  perMinute: number;
  /** Called after a submission added something (the read cache is cleared). */
  onWrite?: () => void;
}

/** Registers the submission route (documented in the OpenAPI table, mounted with its own limits). */
export function submitRoute(
  api: Hono,
  router: ApiRouter,
  measurements: MeasurementStore,
  opts: SubmitOptions,
): void {
  api.post(
    '/measurements',
    rateLimit({ max: opts.perMinute, windowMs: 60_000 }),
    bodyLimit({
      maxSize: MAX_SUBMISSION_BYTES,
      onError: () => {
        throw new PayloadTooLargeError();
      },
    }),
  );
  router.route(
    {
      method: 'post',
      path: '/measurements',
      summary: 'Submit one OONI-format measurement (idempotent by measurement id); answers the stored id',
      tag: 'submission',
      body: `one OONI measurement as JSON, at most ${MAX_SUBMISSION_BYTES} bytes; probe_ip is never stored`,
      responses: {
        '413': 'too large',
        '429': 'too many submissions; see Retry-After',
      },
    },
    async (c) => {
      if (!(c.req.header('content-type') ?? '').includes('json'))
        throw new InvalidDataError('body', 'Content-Type must be application/json');
      let records: ReturnType<typeof recordsFromText>;
      try {
        records = recordsFromText(await c.req.text(), {
          source: 'ooni',
          analyze: opts.analyze,
          fileName: 'submission',
        });
      } catch (err) {
        if (err instanceof RecordError) throw new InvalidDataError('body', err.message);
        if (err instanceof SyntaxError) throw new InvalidDataError('body', `not JSON: ${err.message}`);
        throw err;
      }
      if (records.length !== 1) throw new InvalidDataError('body', 'expected exactly one measurement');
      const record = records[0]!;
      // Committed before we answer: a 200 means the measurement is durable.
      const result = await measurements.put([record]);
      if (result.added) opts.onWrite?.();
      return c.json({ measurement_uid: record.uid, status: result.added ? 'added' : 'duplicate' });
    },
  );
}
