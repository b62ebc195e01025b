// Route schemas compiled on a route's first request instead of at start-up.
// Fastify compiles every route's request validator (ajv) and response serializer
// (fast-json-stringify) before it listens: with ~150 routes that was about a
// seventh of the engine's start-up, for routes a shop may not call for hours.
// These wrap Fastify's own default compilers (the very packages Fastify loads,
// found through Fastify's own dependencies), so validation and serialization
// behave exactly as before; only the moment of compiling moves.
import { createRequire } from 'node:module';
import type { FastifyServerOptions } from 'fastify';

type Factories = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;
// What the wrappers rely on, narrower than Fastify's overloaded declarations.
interface RouteSchema {
  schema: unknown;
  method: string;
  url: string;
}
interface Validate {
  (data: unknown): unknown;
  errors?: unknown;
}
type ValidatorFactory = (externalSchemas: unknown, options: unknown) => (route: RouteSchema) => Validate;
type SerializerFactory = (
  externalSchemas: unknown,
  options: unknown,
) => (route: RouteSchema) => (data: unknown) => string;

const fromFastify = createRequire(createRequire(import.meta.url).resolve('fastify'));

function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

export function lazySchemaCompilers(): Factories {
  // The compiler packages themselves load on the first compile too: /health, the
  // first request a start waits for, has no request schema, so the engine listens
  // without having loaded @fastify/ajv-compiler at all.
  const defaultValidators = once(() => (fromFastify('@fastify/ajv-compiler') as () => ValidatorFactory)());
  const defaultSerializers = once(() =>
    (fromFastify('@fastify/fast-json-stringify-compiler') as () => SerializerFactory)(),
  );

  const buildValidator: ValidatorFactory = (externalSchemas, ajvOptions) => {
    const compiler = once(() => defaultValidators()(externalSchemas, ajvOptions));
    return (route) => {
      const validate = once(() => compiler()(route));
      // Fastify reads `errors` off the function it called, after calling it.
      const lazy: Validate = (data) => {
        const inner = validate();
        const result = inner(data);
        lazy.errors = inner.errors;
        return result;
      };
      return lazy;
    };
  };

  const buildSerializer: SerializerFactory = (externalSchemas, serializerOptions) => {
    const compiler = once(() => defaultSerializers()(externalSchemas, serializerOptions));
    return (route) => {
      const serialize = once(() => compiler()(route));
      return (data) => serialize()(data);
    };
  };

  // Fastify declares these factories as overloads of ajv's own types; the wrappers keep their shape.
  return { buildValidator, buildSerializer } as unknown as Factories;
}
