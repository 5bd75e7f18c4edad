// Route schemas are written once, in zod. Fastify gets their JSON Schema (for OpenAPI and the
// response serializer, which drops any field a response schema does not declare), and request
// validation runs the zod schema itself, found again through the JSON Schema object.
import type { FastifySchemaCompiler } from 'fastify';
import { z } from 'zod';
import { BadRequestError } from './http-errors.js';

const zodOf = new WeakMap<object, z.ZodType>();

export class RouteDeclarationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RouteDeclarationError';
  }
}

/** JSON Schema (draft 7, what fastify and OpenAPI 3.0 read) for a zod schema. */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { target: 'draft-7', io, unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  delete json.$schema;
  zodOf.set(json, schema);
  return json;
}

function describe(part: string, error: z.ZodError): string {
  const lines = error.issues.slice(0, 3).map((issue) => {
    const where = [part, ...issue.path.map(String)].join('.');
    return `${where}: ${issue.message}`;
  });
  return `The request is not valid. ${lines.join('; ')}`;
}

/** Validates with the zod schema behind a route's JSON Schema; refuses schemas made elsewhere. */
export const zodValidatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, method, url, httpPart }) => {
  const zod = zodOf.get(schema as object);
  if (!zod) {
    throw new RouteDeclarationError(
      `${method} ${url}: its ${httpPart ?? 'input'} schema must be declared with defineRoute (zod).`,
    );
  }
  return (data: unknown) => {
    const result = zod.safeParse(data ?? {});
    if (result.success) return { value: result.data };
    return { error: new BadRequestError(describe(httpPart ?? 'input', result.error)) };
  };
};
