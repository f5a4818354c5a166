import type { FastifySchemaCompiler, FastifyTypeProvider } from 'fastify';
import type { z } from 'zod';

/** Lets route handlers see the parsed output type of the zod schema given as a route's body/querystring/params. */
export interface ZodTypeProvider extends FastifyTypeProvider {
  readonly validator: this['schema'] extends z.ZodType ? z.output<this['schema']> : unknown;
  readonly serializer: this['schema'] extends z.ZodType ? z.input<this['schema']> : unknown;
}

/** A request part that failed its schema; the message names paths and rules, never the values sent. */
export class RequestInvalid extends Error {
  constructor(part: string, error: z.ZodError) {
    super(
      error.issues
        .slice(0, 5)
        .map((i) => `${[part, ...i.path.map(String)].join('.')}: ${i.message}`)
        .join('; '),
    );
    this.name = 'RequestInvalid';
  }
}

function isZodSchema(schema: unknown): schema is z.ZodType {
  return (
    typeof schema === 'object' &&
    schema !== null &&
    typeof (schema as { safeParse?: unknown }).safeParse === 'function'
  );
}

/**
 * Validates with the shared zod schemas instead of JSON Schema. The parsed value (trimmed, coerced, defaulted)
 * replaces the raw one, so handlers see exactly what the schema promises.
 */
export const zodValidatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  if (!isZodSchema(schema)) throw new Error(`route schema for ${httpPart ?? 'request'} is not a zod schema`);
  return (data: unknown) => {
    const result = schema.safeParse(data);
    return result.success
      ? { value: result.data }
      : { error: new RequestInvalid(httpPart ?? 'request', result.error) };
  };
};
