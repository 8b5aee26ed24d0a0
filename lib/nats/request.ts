import type { Msg, NatsConnection } from '@nats-io/nats-core';
import { context } from '@opentelemetry/api';
import { hasSpan, inSpan } from '../tracing';
import { requestSpanOptions } from './messaging-span';
import { traceHeaders } from './trace-headers';

/**
 * Sends a request on core NATS and waits for one reply (`nc.request`), inside a trace as a
 * CLIENT span `send <subject>` whose W3C trace context goes in the request's headers, so that a
 * service answering with `startJsonService` continues the trace. Outside any span it is exactly
 * `nc.request`.
 *
 * @param timeoutMs how long to wait for the reply
 * @returns the reply (a service error comes back as a reply with `Nats-Service-Error` headers)
 * @throws what `nc.request` throws: timeout, no responders, closed connection
 */
export async function requestTraced(nc: NatsConnection, subject: string, payload: string, timeoutMs: number): Promise<Msg> {
  if (!hasSpan(context.active())) return nc.request(subject, payload, { timeout: timeoutMs });
  const { name, options } = requestSpanOptions(subject, payload);
  return inSpan(name, options, async (span) => {
    const h = traceHeaders(context.active());
    const reply = await nc.request(subject, payload, { timeout: timeoutMs, ...(h ? { headers: h } : {}) });
    const serviceError = reply.headers?.get('Nats-Service-Error-Code');
    if (serviceError) span.setAttribute('rpc.response.status_code', serviceError);
    return reply;
  });
}
