import { z } from 'zod';
import { tracingFields } from './tracing-fields';

/** Default local Postgres URL (trust auth, database `test`), used when `DATABASE_URL` is unset. */
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';
/** Default local NATS URL, used when `NATS_URL` is unset. */
export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';

/** A TCP port (0..65535; 0 lets the OS choose), coerced from a string, with a default. */
export function port(defaultPort: number) {
  return z.coerce.number().int().min(0).max(65535).default(defaultPort);
}

/** A URL string with a default. */
export function url(defaultUrl: string) {
  return z.url().default(defaultUrl);
}

/** An optional URL: empty strings count as unset. */
export function optionalUrl() {
  return z.preprocess((v) => (v === '' ? undefined : v), z.url().optional());
}

/** An optional non-empty string: empty strings count as unset. */
export function optionalString() {
  return z.preprocess((v) => (v === '' ? undefined : v), z.string().min(1).optional());
}

/** A positive integer coerced from a string, with a default. */
export function positiveInt(defaultValue: number) {
  return z.coerce.number().int().positive().default(defaultValue);
}

/** Comma-separated non-negative integers (e.g. retry delays in ms, `1000,5000,15000`), at least one. */
export function delayList(defaultValue: string) {
  return z
    .string()
    .default(defaultValue)
    .transform((v) => v.split(',').map((s) => Number(s.trim())))
    .pipe(z.array(z.number().int().nonnegative()).min(1));
}

/** A boolean from `true/false/1/0`, with a default. */
export function flag(defaultValue: boolean) {
  return z
    .enum(['true', 'false', '1', '0'])
    .default(defaultValue ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1');
}

/** `LOG_FORMAT`: `json` or `pretty`; unset means pretty only in a terminal in development. */
export const logFormat = z.preprocess((v) => (v === '' ? undefined : v), z.enum(['json', 'pretty']).optional());

/** pino log level. */
export const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info');

/**
 * `NODE_ENV`: unexpected errors are masked (and introspection is off by default) unless it is
 * set to `development` explicitly; unset means `production` (secure by default).
 */
export const nodeEnv = z.enum(['development', 'production', 'test']).default('production');

/**
 * `NATS_PREFIX`: isolates a deployment on a shared NATS server (its own streams, consumers and
 * subjects); letters, digits, `_` and `-`, at most 32; unset gives the brief's names.
 */
export const natsPrefix = z.preprocess((v) => (v === '' ? undefined : v), z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'letters, digits, _ and -, at most 32').optional());

/**
 * `NATS_STREAM_REPLICAS`: copies JetStream keeps of each stream (JOBS, EVENTS, DLQ), 1..5; 1 on
 * one server, 3 on a three-node JetStream cluster (survives the loss of one node).
 */
export const natsStreamReplicas = z.coerce.number().int().min(1).max(5).default(1);

/** Host admin ports (`/healthz`, `/readyz`, `/metrics`) bind to; `0.0.0.0` in a cluster. */
export const adminHost = z.string().min(1).default('127.0.0.1');

/**
 * Fields every subgraph and worker shares: `DATABASE_URL`, `NATS_URL`, `NATS_PREFIX`,
 * `NATS_STREAM_REPLICAS`, `LOG_LEVEL`, `NODE_ENV`,
 * the bind hosts (`SUBGRAPH_HOST` for GraphQL, `ADMIN_HOST` for admin ports, both 127.0.0.1 by
 * default), `SUBGRAPH_JWT_SECRET` (verifies the gateway's credential; required to serve
 * GraphQL, at least 32 characters) and the tracing fields (`OTEL_*`, see `tracingFields`). A
 * subgraph's own `<NAME>_DATABASE_URL` falls back to `DATABASE_URL`.
 */
export const commonFields = {
  DATABASE_URL: url(DEFAULT_DATABASE_URL),
  NATS_URL: z.string().min(1).default(DEFAULT_NATS_URL),
  NATS_PREFIX: natsPrefix,
  NATS_STREAM_REPLICAS: natsStreamReplicas,
  LOG_LEVEL: logLevel,
  LOG_FORMAT: logFormat,
  NODE_ENV: nodeEnv,
  SUBGRAPH_HOST: z.string().min(1).default('127.0.0.1'),
  ADMIN_HOST: adminHost,
  SUBGRAPH_JWT_SECRET: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(32, 'at least 32 characters').optional()),
  ...tracingFields,
};
