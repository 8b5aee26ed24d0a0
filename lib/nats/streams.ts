import { AckPolicy, DeliverPolicy, RetentionPolicy, StorageType, jetstreamManager } from '@nats-io/jetstream';
import type { ConsumerConfig, JetStreamManager, StreamConfig } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { nanos } from '@nats-io/nats-core';

/** Name of the work-queue stream of asynchronous jobs (`jobs.>`) without a prefix. */
export const JOBS_STREAM = 'JOBS';
/** Name of the stream of domain events (`events.>`) without a prefix. */
export const EVENTS_STREAM = 'EVENTS';
/** Name of the stream of dead letters (`dlq.>`) without a prefix. */
export const DLQ_STREAM = 'DLQ';
/** Name of the stream that keeps JetStream's max-deliveries advisories of JOBS and EVENTS consumers, without a prefix. */
export const ADVISORIES_STREAM = 'ADVISORIES';

const DUPLICATE_WINDOW_MS = 2 * 60 * 1000;
const EVENTS_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;
const DLQ_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

/** Stream names of one deployment: `JOBS` / `EVENTS`, or `<prefix>_JOBS` / `<prefix>_EVENTS`. */
export interface StreamNames {
  jobs: string;
  events: string;
  dlq: string;
  /** Max-deliveries advisories of the JOBS and EVENTS consumers (see `maxDeliveriesSubject`). */
  advisories: string;
}

/**
 * Subject of JetStream's advisory that a message of `stream` reached its `max_deliver` on
 * consumer `durable` without an acknowledgement (ADR-10); `*` for any consumer.
 */
export function maxDeliveriesSubject(stream: string, durable: string): string {
  return `$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.${stream}.${durable}`;
}

/** The stream names for a `NATS_PREFIX` (see `subjectsFor`). */
export function streamNamesFor(prefix?: string | null): StreamNames {
  const named = (base: string) => (prefix ? `${prefix}_${base}` : base);
  return { jobs: named(JOBS_STREAM), events: named(EVENTS_STREAM), dlq: named(DLQ_STREAM), advisories: named(ADVISORIES_STREAM) };
}

/**
 * Stream configurations of brief §5: JOBS (work queue) and EVENTS (limits, 7 days), plus DLQ
 * (dead letters, limits, 30 days) and ADVISORIES (the max-deliveries advisories of JOBS and
 * EVENTS consumers, a work queue kept 7 days, so that one the workers could not hear while they
 * were down is still handled when they are back), for a prefix, each kept in `replicas` copies
 * (`NATS_STREAM_REPLICAS`; more than 1 needs a JetStream cluster of at least as many servers).
 */
export function streamConfigsFor(prefix?: string | null, replicas = 1): Array<Partial<StreamConfig> & { name: string; subjects: string[] }> {
  const names = streamNamesFor(prefix);
  const p = prefix ? `${prefix}.` : '';
  return [
    {
      name: names.jobs,
      subjects: [`${p}jobs.>`],
      retention: RetentionPolicy.Workqueue,
      storage: StorageType.File,
      num_replicas: replicas,
      duplicate_window: nanos(DUPLICATE_WINDOW_MS),
    },
    {
      name: names.events,
      subjects: [`${p}events.>`],
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      num_replicas: replicas,
      max_age: nanos(EVENTS_MAX_AGE_MS),
      duplicate_window: nanos(DUPLICATE_WINDOW_MS),
    },
    {
      name: names.dlq,
      subjects: [`${p}dlq.>`],
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      num_replicas: replicas,
      max_age: nanos(DLQ_MAX_AGE_MS),
      duplicate_window: nanos(DUPLICATE_WINDOW_MS),
    },
    {
      name: names.advisories,
      subjects: [maxDeliveriesSubject(names.jobs, '*'), maxDeliveriesSubject(names.events, '*')],
      retention: RetentionPolicy.Workqueue,
      storage: StorageType.File,
      num_replicas: replicas,
      max_age: nanos(EVENTS_MAX_AGE_MS),
    },
  ];
}

async function upsertStream(jsm: JetStreamManager, config: Partial<StreamConfig> & { name: string }): Promise<void> {
  try {
    await jsm.streams.info(config.name);
    await jsm.streams.update(config.name, config);
  } catch (err) {
    if (!isNotFound(err)) throw err;
    await jsm.streams.add(config);
  }
}

function isNotFound(err: unknown): boolean {
  return err instanceof Error && /not found/i.test(err.message);
}

/**
 * Creates or updates the JOBS, EVENTS, DLQ and ADVISORIES streams of a prefix, in `replicas` copies
 * (`NATS_STREAM_REPLICAS`; an existing stream is moved to that many). Idempotent; safe to call
 * from every service.
 *
 * @throws when JetStream is not enabled on the server, or cannot keep `replicas` copies (an error
 *   naming `NATS_STREAM_REPLICAS`, with the server's reason)
 */
export async function provisionStreams(nc: NatsConnection, prefix?: string | null, replicas = 1): Promise<void> {
  const jsm = await jetstreamManager(nc);
  for (const stream of streamConfigsFor(prefix, replicas)) {
    try {
      await upsertStream(jsm, stream);
    } catch (err) {
      if (replicas <= 1) throw err;
      throw new Error(`stream ${stream.name} cannot be kept in NATS_STREAM_REPLICAS=${replicas} copies (a JetStream cluster of at least ${replicas} servers is needed): ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
  }
}

/** Settings of a durable pull consumer, in milliseconds where timed. */
export interface DurableConsumerOptions {
  stream: string;
  durable: string;
  filterSubject: string;
  /** Time a delivery may stay unacknowledged before redelivery (ms). */
  ackWaitMs: number;
  /** Deliveries before the message is given up (the handler's last chance). */
  maxDeliver: number;
  /** Redelivery delays after ack timeouts (ms), one per attempt; the last one repeats. */
  backoffMs?: number[];
  /** Start with new messages only (events) or all stored messages (jobs, default). */
  deliverNew?: boolean;
}

/**
 * Creates or updates a durable pull consumer with explicit acks.
 *
 * @throws when the stream does not exist
 */
export async function ensureDurableConsumer(nc: NatsConnection, options: DurableConsumerOptions): Promise<void> {
  const jsm = await jetstreamManager(nc);
  const config: Partial<ConsumerConfig> = {
    durable_name: options.durable,
    ack_policy: AckPolicy.Explicit,
    ack_wait: nanos(options.ackWaitMs),
    max_deliver: options.maxDeliver,
    filter_subject: options.filterSubject,
    deliver_policy: options.deliverNew ? DeliverPolicy.New : DeliverPolicy.All,
    ...(options.backoffMs ? { backoff: options.backoffMs.map((ms) => nanos(ms)) } : {}),
  };
  try {
    await jsm.consumers.info(options.stream, options.durable);
    const { durable_name: _d, deliver_policy: _p, ...update } = config;
    await jsm.consumers.update(options.stream, options.durable, update);
  } catch (err) {
    if (!isNotFound(err)) throw err;
    await jsm.consumers.add(options.stream, config);
  }
}
