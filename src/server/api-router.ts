/** One table of API routes feeds both the Hono handlers (with zod validation) and the OpenAPI document. */
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { InvalidDataError, InvalidInputError, NetfreedomError } from '../shared/errors.js';
import { accessText, checkCountry, checkRole, principalOf, type RouteAccess } from './auth/route-access.js';
import { componentSchemas, schemaRef } from './contract/api-schemas.js';
import { errorJson } from './contract/error-json.js';

/** What a route declares: its path, what it accepts, what it answers. */
export interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType = z.ZodType> {
  method: 'get' | 'post';
  /**
   * Who may use it (auth/route-access.ts); a read defaults to `public`, a write must say. Adding a route that
   * needs a role is this one line: `auth: { permission: 'edit_drafts', countryParam: 'cc' }`.
   */
  auth?: RouteAccess;
  /** Hono-style path under /api/v1, e.g. `/countries/:cc`. */
  path: string;
  summary: string;
  tag: string;
  params?: P;
  query?: Q;
  /** The 200 answer in JSON: a schema registered with `named()`, whose fields the OpenAPI document lists. */
  response: z.ZodType;
  /** Other media types the 200 answer may have (by `format`), with what each is. */
  documents?: Record<string, string>;
  /** The route answers `format=csv` too, with these columns. */
  csv?: readonly string[];
  /** Description of a request body the handler reads itself (the measurement submission). */
  body?: string;
  /** A JSON request body (`Content-Type: application/json`), validated with this schema before the handler runs. */
  requestBody?: B;
  /** Extra status codes this route may answer, with what they mean. */
  responses?: Record<string, string>;
}

export interface RouteInput<P, Q, B = unknown> {
  params: P;
  query: Q;
  body: B;
}

type Handler<P, Q, B> = (c: Context, input: RouteInput<P, Q, B>) => Response | Promise<Response>;

/** Collects routes, validates their inputs and describes them as OpenAPI 3.1. */
export class ApiRouter {
  readonly specs: RouteSpec<z.ZodType, z.ZodType>[] = [];

  constructor(private readonly app: Hono) {}

  /**
   * Registers a route. Who may use it is checked first (401, 403), then path, query and body are parsed with its
   * schemas, then the country of a country-scoped route, and only then does the handler run.
   */
  route<
    P extends z.ZodType = z.ZodObject,
    Q extends z.ZodType = z.ZodObject,
    B extends z.ZodType = z.ZodType,
  >(spec: RouteSpec<P, Q, B>, handler: Handler<z.infer<P>, z.infer<Q>, z.infer<B>>): void {
    if (spec.method !== 'get' && spec.auth === undefined)
      throw new Error(
        `${spec.method.toUpperCase()} ${spec.path}: a write route must say who may use it (auth)`,
      );
    const access = spec.auth ?? 'public';
    this.specs.push(spec as unknown as RouteSpec<z.ZodType, z.ZodType>);
    // A JSON body is refused past its limit as it arrives, not after it was read whole (sign-in is anonymous).
    if (spec.requestBody) this.app.on(spec.method.toUpperCase(), spec.path, jsonBodyLimit);
    this.app.on(spec.method.toUpperCase(), spec.path, async (c) => {
      const principal = principalOf(c);
      checkRole(access, principal);
      const params = parse(spec.params, c.req.param(), 'path');
      // The country is in the path: one who may not act on it hears so before anything about the query or body.
      checkCountry(access, principal, params);
      const query = parse(spec.query, c.req.query(), 'query');
      const body = spec.requestBody ? parseBody(spec.requestBody, await jsonBody(c)) : undefined;
      return handler(c, { params, query, body } as RouteInput<z.infer<P>, z.infer<Q>, z.infer<B>>);
    });
  }

  /** The OpenAPI 3.1 document of every registered route. */
  openapi(info: { title: string; version: string; description: string }): Record<string, unknown> {
    const paths: Record<string, Record<string, unknown>> = {};
    for (const spec of this.specs) {
      const path = `/api/v1${spec.path.replace(/:([A-Za-z_]+)/g, '{$1}')}`;
      const parameters = [...schemaParameters(spec.params, 'path'), ...schemaParameters(spec.query, 'query')];
      const responses: Record<string, unknown> = {
        '200': {
          description: spec.csv
            ? 'JSON, or CSV with format=csv'
            : spec.documents
              ? `JSON, or ${Object.keys(spec.documents).join(', ')} by format`
              : 'JSON',
          content: {
            'application/json': { schema: schemaRef(spec.response) },
            ...(spec.csv ? { 'text/csv': { schema: csvSchema(spec.csv) } } : {}),
            ...Object.fromEntries(
              Object.entries(spec.documents ?? {}).map(([type, description]) => [
                type,
                {
                  schema: {
                    type: 'string',
                    ...(type === 'application/pdf' ? { format: 'binary' } : {}),
                    description,
                  },
                },
              ]),
            ),
          },
        },
        '400': errorResponse('invalid parameters'),
      };
      if (spec.requestBody) responses['413'] = errorResponse('the body is over 64 KiB');
      for (const [code, description] of Object.entries(spec.responses ?? {}))
        responses[code] = errorResponse(description);
      const access = spec.auth ?? 'public';
      if (access !== 'public') {
        responses['401'] ??= errorResponse('no valid session or API token');
        responses['403'] ??= errorResponse('your role or countries do not allow this');
      }
      paths[path] ??= {};
      paths[path][spec.method] = {
        summary: spec.summary,
        tags: [spec.tag],
        'x-access': accessText(access),
        ...(access === 'public' ? {} : { security: [{ session: [] }, { token: [] }] }),
        parameters,
        ...(spec.body
          ? { requestBody: { required: true, description: spec.body, content: { 'application/json': {} } } }
          : {}),
        ...(spec.requestBody
          ? {
              requestBody: {
                required: true,
                content: {
                  'application/json': {
                    schema: z.toJSONSchema(spec.requestBody, { io: 'input', unrepresentable: 'any' }),
                  },
                },
              },
            }
          : {}),
        responses,
      };
    }
    return {
      openapi: '3.1.0',
      info,
      servers: [{ url: '/' }],
      paths,
      components: {
        schemas: componentSchemas(),
        securitySchemes: {
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'nf_session',
            description: 'set by POST /api/v1/auth/login',
          },
          token: { type: 'http', scheme: 'bearer', description: 'an API token (`nft_…`)' },
        },
      },
    };
  }
}

function errorResponse(description: string): Record<string, unknown> {
  return {
    description,
    content: { 'application/json': { schema: schemaRef(errorJson) } },
  };
}

/** CSV is text; its description names the columns (the JSON fields of the same items). */
function csvSchema(columns: readonly string[]): Record<string, unknown> {
  return { type: 'string', description: `CSV with a header row: ${columns.join(', ')}` };
}

/** Parses path or query values; the error names the parameter and what is wrong with it. */
function parse<S extends z.ZodType | undefined>(schema: S, value: unknown, where: string): unknown {
  if (!schema) return {};
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  // A list parameter (comma-separated) fails on one of its items: name the parameter and the item.
  const [name = where, item] = issue.path;
  const which = typeof item === 'number' ? ` (item ${item + 1})` : '';
  throw new InvalidInputError(`${where} parameter "${String(name)}"${which}: ${issue.message}`);
}

/** The largest JSON body a route with a `requestBody` reads. */
export const MAX_JSON_BODY_BYTES = 64 * 1024;

const jsonBodyLimit = bodyLimit({
  maxSize: MAX_JSON_BODY_BYTES,
  onError: () => {
    throw new NetfreedomError('PAYLOAD_TOO_LARGE', 'body: at most 64 KiB');
  },
});

/** A write's JSON body: `application/json` exactly (a form or text/plain from another site cannot make one). */
async function jsonBody(c: Context): Promise<unknown> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json')
    throw new InvalidDataError('body', 'Content-Type must be application/json');
  const text = await c.req.text();
  if (text.length > MAX_JSON_BODY_BYTES) throw new InvalidDataError('body', 'at most 64 KiB');
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidDataError('body', 'not JSON');
  }
}

/** Parses a body; the error names the field and what is wrong with it. */
function parseBody(schema: z.ZodType, value: unknown): unknown {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new InvalidInputError(`body field "${issue.path.join('.') || '(body)'}": ${issue.message}`);
}

function schemaParameters(schema: z.ZodType | undefined, where: 'path' | 'query'): unknown[] {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, Record<string, unknown>>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, prop]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    ...(typeof prop.description === 'string' ? { description: prop.description } : {}),
    schema: { ...prop, description: undefined },
  }));
}
