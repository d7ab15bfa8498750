import { z } from 'zod';
import { errorEnvelopeSchema } from '../../shared/contract/envelope';
import { mutations, MUTATION_NAMES } from '../../shared/contract/mutations';
import { ROUTE_NAMES, serverApi, type RouteDefinition } from '../../shared/contract/server-api';
import { SYNC_PROTOCOL_VERSION, streamEvents } from '../../shared/contract/sync-protocol';

type JsonSchema = Record<string, unknown> & { properties?: Record<string, unknown>; required?: string[] };

function toSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

/** The `:name` segments of a Fastify path. */
export function pathParams(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z]+)/g)].map((match) => match[1]!);
}

function withoutKeys(schema: JsonSchema, keys: readonly string[]): JsonSchema {
  if (!schema.properties || keys.length === 0) return schema;
  const properties = Object.fromEntries(Object.entries(schema.properties).filter(([key]) => !keys.includes(key)));
  const required = (schema.required ?? []).filter((key) => !keys.includes(key));
  return { ...schema, properties, ...(required.length > 0 ? { required } : { required: undefined }) };
}

function operation(name: string, route: RouteDefinition): Record<string, unknown> {
  const input = toSchema(route.input, 'input');
  const params = pathParams(route.path);
  const parameters: Record<string, unknown>[] = params.map((param) => ({
    name: param,
    in: 'path',
    required: true,
    schema: input.properties?.[param] ?? { type: 'string' },
  }));
  let requestBody: Record<string, unknown> | undefined;
  const rest = withoutKeys(input, params);
  if (route.method === 'GET') {
    for (const [key, schema] of Object.entries(rest.properties ?? {})) {
      parameters.push({ name: key, in: 'query', required: (rest.required ?? []).includes(key), schema });
    }
  } else {
    requestBody = { required: true, content: { 'application/json': { schema: rest } } };
  }
  const errors = { description: 'An expected failure', content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } } } };
  const success =
    route.response === 'event-stream'
      ? {
          description: `Server-sent events: ${Object.keys(streamEvents).join(', ')} (see components.schemas.StreamEvent.*)`,
          content: { 'text/event-stream': { schema: { type: 'string' } } },
        }
      : route.response === 'document'
        ? { description: 'The document itself', content: { 'application/json': { schema: toSchema(route.output, 'output') } } }
        : {
            description: 'Success',
            content: {
              'application/json': {
                schema: { type: 'object', properties: { ok: { const: true }, value: toSchema(route.output, 'output') }, required: ['ok', 'value'] },
              },
            },
          };
  const security =
    route.access === 'public' ? [] : route.access === 'stream-ticket' ? [{ streamTicket: [] }] : [{ bearer: [] }];
  return {
    operationId: name,
    summary: route.summary,
    tags: [name.split('/')[0]],
    security,
    'x-roles': route.access === 'public' || route.access === 'stream-ticket' ? route.access : [...route.access],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(requestBody ? { requestBody } : {}),
    responses: {
      '200': success,
      '400': errors,
      '401': errors,
      '403': errors,
      '404': errors,
      '409': errors,
      '413': errors,
      '429': errors,
      '500': errors,
    },
  };
}

/** The backend's HTTP API as an OpenAPI 3.1 document, generated from the one route table. */
export function buildOpenApi(version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const name of ROUTE_NAMES) {
    const route: RouteDefinition = serverApi[name];
    const path = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = operation(name, route);
  }
  const schemas: Record<string, unknown> = { ErrorEnvelope: toSchema(errorEnvelopeSchema, 'output') };
  for (const name of MUTATION_NAMES) schemas[`MutationArgs.${name.replace('/', '.')}`] = toSchema(mutations[name].args, 'input');
  for (const [name, schema] of Object.entries(streamEvents)) schemas[`StreamEvent.${name}`] = toSchema(schema, 'output');
  return {
    openapi: '3.1.0',
    info: {
      title: 'Support Console backend',
      version,
      description: `Sync protocol version ${SYNC_PROTOCOL_VERSION}. See docs/api.md and docs/sync-protocol.md.`,
    },
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'The session token from POST /auth/login' },
        streamTicket: { type: 'apiKey', in: 'query', name: 'ticket', description: 'A single-use ticket from POST /sync/stream-ticket' },
      },
      schemas,
    },
  };
}
