/** One table of API routes feeds both the Hono handlers (with zod validation) and the OpenAPI document. */
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { InvalidInputError } from '../shared/errors.js';
import { componentSchemas, schemaRef } from './contract/api-schemas.js';
import { errorJson } from './contract/error-json.js';

/** What a route declares: its path, what it accepts, what it answers. */
export interface RouteSpec<P extends z.ZodType, Q extends z.ZodType> {
  method: 'get' | 'post';
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
  /** Description of the request body (POST). */
  body?: string;
  /** Extra status codes this route may answer, with what they mean. */
  responses?: Record<string, string>;
}

export interface RouteInput<P, Q> {
  params: P;
  query: Q;
}

type Handler<P, Q> = (c: Context, input: RouteInput<P, Q>) => Response | Promise<Response>;

/** Collects routes, validates their inputs and describes them as OpenAPI 3.1. */
export class ApiRouter {
  readonly specs: RouteSpec<z.ZodType, z.ZodType>[] = [];

  constructor(private readonly app: Hono) {}

  /** Registers a route; parameters and query are parsed with its schemas before the handler runs. */
  route<P extends z.ZodType = z.ZodObject, Q extends z.ZodType = z.ZodObject>(
    spec: RouteSpec<P, Q>,
    handler: Handler<z.infer<P>, z.infer<Q>>,
  ): void {
    this.specs.push(spec as unknown as RouteSpec<z.ZodType, z.ZodType>);
    this.app.on(spec.method.toUpperCase(), spec.path, async (c) => {
      const params = parse(spec.params, c.req.param(), 'path');
      const query = parse(spec.query, c.req.query(), 'query');
      return handler(c, { params, query } as RouteInput<z.infer<P>, z.infer<Q>>);
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
      for (const [code, description] of Object.entries(spec.responses ?? {}))
        responses[code] = errorResponse(description);
      paths[path] ??= {};
      paths[path][spec.method] = {
        summary: spec.summary,
        tags: [spec.tag],
        parameters,
        ...(spec.body
          ? { requestBody: { required: true, description: spec.body, content: { 'application/json': {} } } }
          : {}),
        responses,
      };
    }
    return {
      openapi: '3.1.0',
      info,
      servers: [{ url: '/' }],
      paths,
      components: { schemas: componentSchemas() },
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
