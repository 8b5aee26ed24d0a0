import { SpanKind } from '@opentelemetry/api';
import type { SpanOptions } from '@opentelemetry/api';
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

/**
 * Options of the PRODUCER span of one JetStream publish, named `send <subject template>`, with
 * the OpenTelemetry messaging attributes (semantic conventions 1.27+): system, operation, the
 * subject, the message id (`Nats-Msg-Id`) and the body size in bytes.
 */
export function sendSpanOptions(subject: string, msgID: string, payload: string): { name: string; options: SpanOptions } {
  return {
    name: `send ${subjectTemplate(subject)}`,
    options: {
      kind: SpanKind.PRODUCER,
      attributes: {
        'messaging.system': MESSAGING_SYSTEM,
        'messaging.operation.type': 'send',
        'messaging.operation.name': 'publish',
        'messaging.destination.name': subject,
        'messaging.destination.template': subjectTemplate(subject),
        'messaging.message.id': msgID,
        'messaging.message.body.size': Buffer.byteLength(payload),
      },
    },
  };
}

/**
 * Options of the CONSUMER span of one delivered JetStream message, named
 * `process <subject template>`: system, operation, subject, durable consumer (as consumer group
 * and subscription), message id, body size, and the NATS stream, stream sequence and delivery
 * number (`messaging.nats.*`, no semantic convention exists for them).
 */
export function processSpanOptions(msg: Pick<JsMsg, 'subject' | 'seq' | 'data' | 'info' | 'headers'>, durable: string): { name: string; options: SpanOptions } {
  const msgID = msg.headers?.get('Nats-Msg-Id');
  return {
    name: `process ${subjectTemplate(msg.subject)}`,
    options: {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.system': MESSAGING_SYSTEM,
        'messaging.operation.type': 'process',
        'messaging.operation.name': 'process',
        'messaging.destination.name': msg.subject,
        'messaging.destination.template': subjectTemplate(msg.subject),
        'messaging.destination.subscription.name': durable,
        'messaging.consumer.group.name': durable,
        ...(msgID ? { 'messaging.message.id': msgID } : {}),
        'messaging.message.body.size': msg.data.byteLength,
        'messaging.nats.stream': msg.info.stream,
        'messaging.nats.stream_sequence': msg.seq,
        'messaging.nats.delivery_count': msg.info.deliveryCount,
      },
    },
  };
}

/**
 * Options of the CLIENT span of one core-NATS request (`requestTraced`), named
 * `send <subject template>`: system, operation, subject and body size in bytes.
 */
export function requestSpanOptions(subject: string, payload: string): { name: string; options: SpanOptions } {
  return {
    name: `send ${subjectTemplate(subject)}`,
    options: {
      kind: SpanKind.CLIENT,
      attributes: {
        'messaging.system': MESSAGING_SYSTEM,
        'messaging.operation.type': 'send',
        'messaging.operation.name': 'request',
        'messaging.destination.name': subject,
        'messaging.message.body.size': Buffer.byteLength(payload),
      },
    },
  };
}

/**
 * Options of the SERVER span of one request answered by a NATS service endpoint
 * (`startJsonService`, queue group `q`), named `process <subject template>`.
 */
export function serviceSpanOptions(msg: { subject: string; data: Uint8Array }, endpoint: string): { name: string; options: SpanOptions } {
  return {
    name: `process ${subjectTemplate(msg.subject)}`,
    options: {
      kind: SpanKind.SERVER,
      attributes: {
        'messaging.system': MESSAGING_SYSTEM,
        'messaging.operation.type': 'process',
        'messaging.operation.name': endpoint,
        'messaging.destination.name': msg.subject,
        'messaging.consumer.group.name': 'q',
        'messaging.message.body.size': msg.data.byteLength,
      },
    },
  };
}
