import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Logger } from '../logger';

/**
 * A child logger bound to the request id: the `x-request-id` header (the gateway and proxies
 * forward it), else a fresh UUID, so every line of one request can be found together.
 */
export function requestLogger(logger: Logger, req: IncomingMessage): Logger {
  const header = req.headers['x-request-id'];
  return logger.child({ requestId: (Array.isArray(header) ? header[0] : header) ?? randomUUID() });
}
