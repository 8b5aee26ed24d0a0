import type { JetStreamClient, PubAck } from '@nats-io/jetstream';
import type { MsgHdrs, NatsConnection } from '@nats-io/nats-core';
import { context } from '@opentelemetry/api';
import { inSpan, parentContext } from '../tracing';
import type { TraceCarrier } from '../tracing';
import type { CloudEvent } from './cloudevent';
import { sendSpanOptions } from './messaging-span';
import { traceHeaders } from './trace-headers';

/** Options of {@link publishTraced}. */
export interface TracedPublishOptions {
  /** `Nats-Msg-Id`: JetStream drops a repeat within the stream's duplicate window. */
  msgID: string;
  /** Wait for the stream's ack at most this long (ms); the client's default otherwise. */
  timeout?: number;
  /**
   * The trace context the message's row was written in (outbox event, queued job): continued
   * when no span is active, i.e. when a relay or sweeper pass publishes the row later.
   */
  traceContext?: TraceCarrier | null;
}

/**
 * Publishes `payload` to a JetStream subject with `Nats-Msg-Id` = `msgID`. Inside a trace (a span
 * is active, or `traceContext` names one) it does so in a PRODUCER span `send <subject>` and
 * carries that span's W3C trace context in the message headers (`traceparent`, `tracestate`), so
 * that the consumer's span continues the same trace; outside any trace (or tracing off) the
 * message has no trace headers and no span is made.
 *
 * @returns the stream's ack (`duplicate` is true when the server dropped a repeat)
 * @throws when no stream answers in time (NATS down or stream missing)
 */
export async function publishTraced(js: JetStreamClient, subject: string, payload: string, options: TracedPublishOptions): Promise<PubAck> {
  const publish = (h: MsgHdrs | undefined) =>
    js.publish(subject, payload, { msgID: options.msgID, ...(options.timeout ? { timeout: options.timeout } : {}), ...(h ? { headers: h } : {}) });
  const parent = parentContext(options.traceContext);
  if (!parent) return publish(undefined);
  const { name, options: spanOptions } = sendSpanOptions(subject, options.msgID, payload);
  return inSpan(
    name,
    spanOptions,
    async (span) => {
      const ack = await publish(traceHeaders(context.active()));
      span.setAttributes({ 'messaging.nats.stream': ack.stream, 'messaging.nats.stream_sequence': ack.seq, 'messaging.nats.duplicate': ack.duplicate });
      return ack;
    },
    parent,
  );
}

/**
 * Publishes a CloudEvent to a JetStream subject with `Nats-Msg-Id` = event id, so that a
 * republish within the stream's duplicate window is dropped by the server; traced as
 * {@link publishTraced} does.
 *
 * @param traceContext the trace context stored with the event's row, for a later republish
 * @returns the stream's ack (`duplicate` is true when the server dropped a repeat)
 * @throws when no stream answers (NATS down or stream missing)
 */
export async function publishEvent(js: JetStreamClient, subject: string, event: CloudEvent, traceContext?: TraceCarrier | null): Promise<PubAck> {
  return publishTraced(js, subject, JSON.stringify(event), { msgID: event.id, traceContext });
}

/** Publishes a CloudEvent on core NATS (fire and forget, not persisted, never traced): for high-rate progress. */
export function publishTransient(nc: NatsConnection, subject: string, event: CloudEvent): void {
  nc.publish(subject, JSON.stringify(event));
}
