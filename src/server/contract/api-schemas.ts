/** The API's named answer schemas (zod): each is a component of the OpenAPI document and the check of a real answer. */
import { z } from 'zod';

const registry = z.registry<{ id: string; description: string }>();
const byId = new Map<string, z.ZodType>();
const COMPONENTS = '#/components/schemas/';

/** Registers `schema` as the OpenAPI component `id`, described by `description`, and returns it. */
export function named<S extends z.ZodType>(id: string, description: string, schema: S): S {
  if (byId.has(id)) throw new Error(`two API schemas named ${id}`);
  registry.add(schema, { id, description });
  byId.set(id, schema);
  return schema;
}

/** The named schema with this component id (tests parse real answers with it). */
export function schemaById(id: string): z.ZodType | undefined {
  return byId.get(id);
}

/** A JSON Schema reference to a named schema; an unnamed one is a bug of the route table. */
export function schemaRef(schema: z.ZodType): { $ref: string } {
  const id = registry.get(schema)?.id;
  if (!id) throw new Error('an API answer schema must be registered with named()');
  return { $ref: `${COMPONENTS}${id}` };
}

/** Every named schema as an OpenAPI 3.1 component; nested named schemas are references. */
export function componentSchemas(): Record<string, unknown> {
  const { schemas } = z.toJSONSchema(registry, {
    io: 'output',
    unrepresentable: 'any',
    uri: (id) => `${COMPONENTS}${id}`,
  });
  // Inside an OpenAPI document a component needs neither its own dialect nor an id: the path names it.
  return Object.fromEntries(Object.entries(schemas).map(([id, { $schema, $id, ...schema }]) => [id, schema]));
}
