/**
 * `POST /api/v1/measurements`: a probe submits one OONI-format measurement. Size-limited, rate-limited,
 * validated, stored under an id the server gives it (idempotent: the same measurement sent again has the same
 * id), and committed before the answer.
 */
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import type { Analyzer } from '../../ingest/analyzer.js';
import { contentHash, RecordError } from '../../ingest/record-fields.js';
import { recordsFromText } from '../../ingest/to-records.js';
import type { Principal } from '../../model/account.js';
import { isBogon } from '../../shared/bogon.js';
import { InvalidDataError, NetfreedomError } from '../../shared/errors.js';
import { type MeasurementRecord, type MeasurementStore, rawText } from '../../store/measurement-store.js';
import type { ApiRouter } from '../api-router.js';
import { principalOf } from '../auth/route-access.js';
import { submissionJson } from '../contract/submission-json.js';
import { peerAddress } from '../peer-address.js';
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
      summary:
        'Submit one OONI-format measurement; answers the id it is stored under (the same for the same measurement)',
      tag: 'submission',
      // Open to anyone, as OONI's collector is; a registered probe's token makes the measurement trusted.
      auth: 'public',
      response: submissionJson,
      body:
        `one OONI measurement as JSON (Content-Type: application/json), at most ${MAX_SUBMISSION_BYTES} bytes; ` +
        'probe_ip is never stored; a measurement_uid in it is kept as data, never as the id; ' +
        "with a registered probe's token (Authorization: Bearer) it is stored with the probe's id and counts as " +
        'trusted, without one it is stored as anonymous; verdict fields it carries are ignored (the server judges it)',
      responses: {
        '401': 'an Authorization header with a token that is not valid (revoked, unknown)',
        '403': "sent by another site's page",
        '413': 'too large',
        '429': 'too many submissions; see Retry-After',
      },
    },
    async (c) => {
      requireJsonContentType(c.req.header('content-type'));
      let records: ReturnType<typeof recordsFromText>;
      try {
        // The sender's address is scrubbed too when it is a public one: a private or loopback peer is a proxy
        // or this machine, and scrubbing it would erase real data (a blockpage at 10.10.34.35).
        const sender = peerAddress(c);
        records = recordsFromText(await c.req.text(), {
          source: 'ooni',
          analyze: opts.analyze,
          fileName: 'submission',
          ...(sender && !isBogon(sender) ? { senderAddress: sender } : {}),
        });
      } catch (err) {
        if (err instanceof RecordError) throw new InvalidDataError('body', err.message);
        if (err instanceof SyntaxError) throw new InvalidDataError('body', `not JSON: ${err.message}`);
        throw err;
      }
      if (records.length !== 1) throw new InvalidDataError('body', 'expected exactly one measurement');
      const record = withProvenance(withServerId(records[0]!), principalOf(c));
      // Committed before we answer: a 200 means the measurement is durable.
      const result = await measurements.put([record]);
      if (result.added) opts.onWrite?.();
      const receipt: z.output<typeof submissionJson> = {
        measurement_uid: record.uid,
        status: result.added ? 'added' : 'duplicate',
      };
      return c.json(receipt);
    },
  );
}

/**
 * The id a submission is stored under: a hash of the measurement as stored, in netfreedom's own namespace. A
 * client cannot choose it, so it can neither take a real OONI measurement's id (which would make the real one a
 * "duplicate" at import) nor plant an id that breaks paths or cursors; a re-sent measurement gets the same id.
 */
function withServerId(record: MeasurementRecord): MeasurementRecord {
  return { ...record, uid: `h-${contentHash(rawText(record))}` };
}

/**
 * Where the submission came from: a registered probe's token makes it `probe`, stored with the probe's id; anything
 * else (no credentials, or a person's) is `anonymous`, with the `report_id` it claims as its reporter (an OONI
 * probe run's id, which the trust rule's corroboration counts: unverified, like everything an anonymous client sends).
 * The client's address is never part of it.
 */
function withProvenance(record: MeasurementRecord, principal: Principal | null): MeasurementRecord {
  if (principal?.probeId) return { ...record, origin: 'probe', reporter: principal.probeId };
  const reportId = (record.raw as { report_id?: unknown } | null)?.report_id;
  const reporter = typeof reportId === 'string' && reportId !== '' ? reportId.slice(0, 100) : null;
  return { ...record, origin: 'anonymous', reporter };
}

/**
 * Exactly `application/json` (UTF-8 if a charset is named): `text/plain; x=json` and other CORS-safelisted
 * types would let any web page post here without the browser asking first.
 */
function requireJsonContentType(header: string | undefined): void {
  const [type = '', ...params] = (header ?? '').split(';').map((p) => p.trim().toLowerCase());
  const charset = params
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '');
  if (type !== 'application/json' || (charset !== undefined && charset !== 'utf-8'))
    throw new InvalidDataError(
      'body',
      `Content-Type must be application/json${header ? `, not ${JSON.stringify(header.slice(0, 80))}` : ''}`,
    );
}
