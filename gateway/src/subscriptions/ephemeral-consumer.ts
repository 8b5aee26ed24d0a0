import { AckPolicy, DeliverPolicy } from '@nats-io/jetstream';
import type { ConsumerConfig } from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';

/** An unused consumer (one the gateway could not delete) is removed by the server after this long (ms). */
const INACTIVE_THRESHOLD_MS = 5 * 60_000;

/** Where an {@link ephemeralConsumerConfig} starts: a stream sequence, or the first message stored at or after a time. */
export type ConsumerStart = { sequence: number } | { time: Date };

/**
 * The configuration of the gateway's read-only consumers of one subject (the stream feeds and the
 * replays of `since`), as the client libraries' ordered consumers have it: named, in memory, one
 * replica, no acks (each message is delivered once; the reader notices a gap by the delivery
 * sequence), removed by the server after 5 minutes without a reader.
 *
 * @example jsm.consumers.add(stream, ephemeralConsumerConfig('gw_1', 'events.x', { sequence: 42 }))
 */
export function ephemeralConsumerConfig(name: string, subject: string, start: ConsumerStart): Partial<ConsumerConfig> {
  return {
    name,
    filter_subject: subject,
    ...('sequence' in start ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: start.sequence } : { deliver_policy: DeliverPolicy.StartTime, opt_start_time: start.time.toISOString() }),
    ack_policy: AckPolicy.None,
    mem_storage: true,
    num_replicas: 1,
    inactive_threshold: nanos(INACTIVE_THRESHOLD_MS),
  };
}
