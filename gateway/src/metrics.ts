import { Counter } from 'prom-client';
import type { Registry } from 'prom-client';

/** Error codes the gateway refuses operations with (the reasons counted). */
const REFUSAL_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'RATE_LIMITED', 'OPERATION_TOO_COMPLEX', 'PERSISTED_QUERY_NOT_IN_LIST', 'BAD_REQUEST']);
const LIMITS = new Set(['maxDepth', 'maxAliases', 'maxDirectives', 'maxTokens', 'cost']);

/** The gateway's own metrics, besides the GraphQL request metrics every server records. */
export interface GatewayMetrics {
  /**
   * `gateway_operations_refused_total{reason}`: operations refused at the edge; `reason` is the
   * error code in lower case, with the limit for `operation_too_complex` (e.g.
   * `operation_too_complex:maxDepth`). A bounded label set.
   */
  refused: Counter<'reason'>;
  /** Counts a refusal with this error code (and limit), ignoring codes that are not refusals. */
  countRefusal(code: unknown, limit?: unknown): void;
}

/** Registers the gateway's metrics in its registry. */
export function createGatewayMetrics(registry: Registry): GatewayMetrics {
  const refused = new Counter({
    name: 'gateway_operations_refused_total',
    help: 'Operations refused at the edge (authentication, authorization, limits, rate limits, safelist), by reason',
    labelNames: ['reason'],
    registers: [registry],
  });
  return {
    refused,
    countRefusal(code, limit) {
      if (typeof code !== 'string' || !REFUSAL_CODES.has(code)) return;
      const suffix = code === 'OPERATION_TOO_COMPLEX' && typeof limit === 'string' && LIMITS.has(limit) ? `:${limit}` : '';
      refused.inc({ reason: `${code.toLowerCase()}${suffix}` });
    },
  };
}
