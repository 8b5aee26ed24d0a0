import type { JetStreamClient, PubAck } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import type { CloudEvent } from './cloudevent';

/**
 * Publishes a CloudEvent to a JetStream subject with `Nats-Msg-Id` = event id, so that a
 * republish within the stream's duplicate window is dropped by the server.
 *
 * @returns the stream's ack (`duplicate` is true when the server dropped a repeat)
 * @throws when no stream answers (NATS down or stream missing)
 */
export async function publishEvent(js: JetStreamClient, subject: string, event: CloudEvent): Promise<PubAck> {
  return js.publish(subject, JSON.stringify(event), { msgID: event.id });
}

/** Publishes a CloudEvent on core NATS (fire and forget, not persisted): for high-rate progress. */
export function publishTransient(nc: NatsConnection, subject: string, event: CloudEvent): void {
  nc.publish(subject, JSON.stringify(event));
}
