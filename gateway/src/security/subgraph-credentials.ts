import { context as traceContext, propagation } from '@opentelemetry/api';
import { GATEWAY_CREDENTIAL_HEADER, GATEWAY_CREDENTIAL_TTL_SECONDS, scopeString, signGatewayCredential } from '../../../lib/auth';
import type { GatewayContext } from '../context';

/** Credentials are reused for half their lifetime (ms), so signing is not on every fetch. */
const REUSE_MS = (GATEWAY_CREDENTIAL_TTL_SECONDS * 1000) / 2;
/** Most cached credentials; the cache is cleared when full (a burst of distinct callers). */
const MAX_CACHED = 10_000;

/**
 * Headers the gateway adds to every subgraph request: the gateway credential for that subgraph
 * and caller (`x-gateway-credential`, signed with `SUBGRAPH_JWT_SECRET`, reused while fresh),
 * `x-request-id`, and the W3C trace context: with tracing on, the active span's (the fetch of
 * the query plan, `gateway.fetch`), else the request's own `traceparent` when it had one.
 *
 * @returns `(subgraph, context) => headers`; a context without a principal gets no credential
 *   (the subgraph then refuses the call)
 */
export function createSubgraphHeaders(secret: string): (subgraph: string, context: unknown) => Promise<Record<string, string>> {
  const cache = new Map<string, { token: string; until: number }>();
  return async (subgraph, context) => {
    const ctx = context as Partial<GatewayContext>;
    const headers: Record<string, string> = {};
    if (ctx.requestId) headers['x-request-id'] = ctx.requestId;
    if (ctx.traceparent) headers.traceparent = ctx.traceparent;
    // A no-op with tracing off (no propagator registered).
    propagation.inject(traceContext.active(), headers);
    if (!ctx.principal) return headers;
    const key = `${subgraph}\n${ctx.principal.sub}\n${scopeString(ctx.principal.scopes)}`;
    const now = Date.now();
    let entry = cache.get(key);
    if (!entry || entry.until < now) {
      if (cache.size >= MAX_CACHED) cache.clear();
      entry = { token: await signGatewayCredential(secret, subgraph, ctx.principal), until: now + REUSE_MS };
      cache.set(key, entry);
    }
    headers[GATEWAY_CREDENTIAL_HEADER] = entry.token;
    return headers;
  };
}
