import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Logger } from '../logger';

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** The trace id of a W3C `traceparent` header (`00-<32 hex>-<16 hex>-<2 hex>`), or undefined. */
export function traceIdOf(traceparent: string | undefined): string | undefined {
  return traceparent ? /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/.exec(traceparent.trim())?.[1] : undefined;
}

/**
 * A child logger bound to the request id: the `x-request-id` header (the gateway and proxies
 * forward it), else a fresh UUID, and the W3C trace id when a `traceparent` came with it, so
 * every line of one request can be found together across the gateway and the subgraphs.
 */
export function requestLogger(logger: Logger, req: IncomingMessage): Logger {
  const traceId = traceIdOf(first(req.headers.traceparent));
  return logger.child({ requestId: first(req.headers['x-request-id']) ?? randomUUID(), ...(traceId ? { traceId } : {}) });
}
