import { SpanKind } from '@opentelemetry/api';
import type { Attributes, SpanOptions } from '@opentelemetry/api';
import type { JsMsg } from '@nats-io/jetstream';

/** `messaging.system` of every NATS span. */
const MESSAGING_SYSTEM = 'nats';

const ID_SEGMENT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A subject with its id segments (UUIDs) replaced by `{id}`, e.g.
 * `events.content.job.{id}`: a span name of bounded cardinality.
 */
export function subjectTemplate(subject: string): string {
  return subject
    .split('.')
    .map((segment) => (ID_SEGMENT.test(segment) ? '{id}' : segment))
    .join('.');
}

/** Name and options of one messaging span. */
type MessagingSpan = { name: string; options: SpanOptions };

/**
 * A span named `<send|process> <subject template>` with the attributes every NATS span has
 * (system, operation type and name, subject, body size in bytes), then `extra`.
 */
function messagingSpan(kind: SpanKind, type: 'send' | 'process', operation: string, subject: string, bodySize: number, extra: Attributes = {}): MessagingSpan {
  return {
    name: `${type} ${subjectTemplate(subject)}`,
    options: {
      kind,
      attributes: {
        'messaging.system': MESSAGING_SYSTEM,
        'messaging.operation.type': type,
        'messaging.operation.name': operation,
        'messaging.destination.name': subject,
        'messaging.message.body.size': bodySize,
        ...extra,
      },
    },
  };
}

/**
 * Options of the PRODUCER span of one JetStream publish, named `send <subject template>`, with
 * the OpenTelemetry messaging attributes (semantic conventions 1.27+): system, operation, the
 * subject, the message id (`Nats-Msg-Id`) and the body size in bytes.
 */
export function sendSpanOptions(subject: string, msgID: string, payload: string): MessagingSpan {
  return messagingSpan(SpanKind.PRODUCER, 'send', 'publish', subject, Buffer.byteLength(payload), {
    'messaging.destination.template': subjectTemplate(subject),
    'messaging.message.id': msgID,
  });
}

/**
 * Options of the CONSUMER span of one delivered JetStream message, named
 * `process <subject template>`: system, operation, subject, durable consumer (as consumer group
 * and subscription), message id, body size, and the NATS stream, stream sequence and delivery
 * number (`messaging.nats.*`, no semantic convention exists for them).
 */
export function processSpanOptions(msg: Pick<JsMsg, 'subject' | 'seq' | 'data' | 'info' | 'headers'>, durable: string): MessagingSpan {
  const msgID = msg.headers?.get('Nats-Msg-Id');
  return messagingSpan(SpanKind.CONSUMER, 'process', 'process', msg.subject, msg.data.byteLength, {
    'messaging.destination.template': subjectTemplate(msg.subject),
    'messaging.destination.subscription.name': durable,
    'messaging.consumer.group.name': durable,
    ...(msgID ? { 'messaging.message.id': msgID } : {}),
    'messaging.nats.stream': msg.info.stream,
    'messaging.nats.stream_sequence': msg.seq,
    'messaging.nats.delivery_count': msg.info.deliveryCount,
  });
}

/**
 * Options of the CLIENT span of one core-NATS request (`requestTraced`), named
 * `send <subject template>`: system, operation, subject and body size in bytes.
 */
export function requestSpanOptions(subject: string, payload: string): MessagingSpan {
  return messagingSpan(SpanKind.CLIENT, 'send', 'request', subject, Buffer.byteLength(payload));
}

/**
 * Options of the SERVER span of one request answered by a NATS service endpoint
 * (`startJsonService`, queue group `q`), named `process <subject template>`.
 */
export function serviceSpanOptions(msg: { subject: string; data: Uint8Array }, endpoint: string): MessagingSpan {
  return messagingSpan(SpanKind.SERVER, 'process', endpoint, msg.subject, msg.data.byteLength, { 'messaging.consumer.group.name': 'q' });
}
