// Loaded only when tracing is on (see `instrumentProcess`): these packages take ~0.3 s to load.
import type { IncomingMessage } from 'node:http';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import type { NodeSDKConfiguration } from '@opentelemetry/sdk-node';

/** Paths of the admin port (probes and scrapes): never traced. */
const ADMIN_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

const isAdminRequest = (req: IncomingMessage) => ADMIN_PATHS.has((req.url ?? '/').split('?')[0] ?? '/');

/**
 * The platform's automatic instrumentations, enabled (their require hooks installed) as they are
 * created:
 *
 * - `http`: a SERVER span per request to a GraphQL or webhook port (the incoming `traceparent`
 *   continued; admin paths skipped) and a CLIENT span per outgoing request made inside a span,
 *   with `traceparent` injected (the gateway's subgraph fetches go through node-fetch over `http`);
 * - `undici`: a CLIENT span per `fetch` made inside a span (OpenAI, Qdrant, Threads, GitHub);
 * - `pg`: a span per SQL statement made inside a span (`db.statement` is the parameterised text,
 *   never the values); pool connects are not spans, and background loops (outbox relay,
 *   sweepers, pollers), which run outside any span, make none.
 *
 * They patch `http` and `pg` in place when those are required after them: create them before the
 * service's modules load (`lib/tracing/preload.ts`).
 */
export function createInstrumentations(): NodeSDKConfiguration['instrumentations'] {
  return [
    new HttpInstrumentation({ ignoreIncomingRequestHook: isAdminRequest, requireParentforOutgoingSpans: true }),
    new UndiciInstrumentation({ requireParentforSpans: true }),
    new PgInstrumentation({ requireParentSpan: true, ignoreConnectSpans: true }),
  ];
}
