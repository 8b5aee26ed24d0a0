import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { BaseContext } from '@apollo/server';
import type { Principal } from '../../lib/auth';
import type { Logger } from '../../lib/logger';
import { traceIdOf } from '../../lib/server';

/** What every operation executed by the gateway carries. */
export interface GatewayContext extends BaseContext {
  /** The authenticated caller (every operation needs one). */
  principal: Principal;
  /** `x-request-id` of the request (or a fresh UUID), forwarded to subgraphs and logged. */
  requestId: string;
  /** W3C `traceparent` of the request, forwarded to subgraphs when present. */
  traceparent?: string;
  /** Logger bound to the request id. */
  logger: Logger;
  /** The client asked for `extensions.cost` (header `x-graphql-cost: include`). */
  reportCost: boolean;
  /**
   * True for the subscription bridge's own entity queries: the subscription was admitted and
   * charged once at subscribe, so these are authorized but not charged again.
   */
  internal: boolean;
}

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** Builds the context of one HTTP request or WebSocket connection from its headers and caller. */
export function gatewayContext(headers: IncomingHttpHeaders, principal: Principal, logger: Logger): GatewayContext {
  const requestId = first(headers['x-request-id']) ?? randomUUID();
  const traceparent = first(headers.traceparent);
  const traceId = traceIdOf(traceparent);
  return {
    principal,
    requestId,
    ...(traceparent ? { traceparent } : {}),
    logger: logger.child({ requestId, sub: principal.sub, ...(traceId ? { traceId } : {}) }),
    reportCost: first(headers['x-graphql-cost']) === 'include',
    internal: false,
  };
}
