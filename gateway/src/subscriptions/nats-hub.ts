import { DeliverPolicy, jetstream } from '@nats-io/jetstream';
import type { Msg, NatsConnection, Subscription } from '@nats-io/nats-core';
import type { Logger } from '../../../lib/logger';

/** Receives every message of a subject. */
export type MessageListener = (msg: Msg) => void;

/** A message as the event fields read it: live (core NATS) or read back from the EVENTS stream. */
export type StoredEvent = Pick<Msg, 'subject' | 'data'>;

/**
 * Shares NATS subscriptions between subscribers: one NATS subscription per distinct subject,
 * created with the first listener and released with the last.
 */
export class NatsHub {
  private readonly subjects = new Map<string, { subscription: Subscription; listeners: Set<MessageListener> }>();

  /**
   * @param eventsStream the deployment's EVENTS stream, which {@link NatsHub.replay} reads
   */
  constructor(
    private readonly nc: NatsConnection,
    private readonly logger: Logger,
    private readonly eventsStream: string,
  ) {}

  /** Number of NATS subscriptions currently open (one per subject in use). */
  get subscriptionCount(): number {
    return this.subjects.size;
  }

  /**
   * Adds a listener for `subject`; returns the function that removes it.
   *
   * @example const stop = hub.listen('events.content.job.42', (msg) => ...); stop();
   */
  listen(subject: string, listener: MessageListener): () => void {
    let entry = this.subjects.get(subject);
    if (!entry) {
      const listeners = new Set<MessageListener>();
      const subscription = this.nc.subscribe(subject, {
        callback: (err, msg) => {
          if (err) {
            this.logger.warn({ err, subject }, 'NATS subscription error');
            return;
          }
          for (const l of [...listeners]) l(msg);
        },
      });
      entry = { subscription, listeners };
      this.subjects.set(subject, entry);
    }
    entry.listeners.add(listener);
    const current = entry;
    return () => {
      current.listeners.delete(listener);
      if (current.listeners.size === 0 && this.subjects.get(subject) === current) {
        this.subjects.delete(subject);
        current.subscription.unsubscribe();
      }
    };
  }

  /**
   * The messages of `subject` stored on the EVENTS stream since `since` (inclusive), oldest first,
   * up to the last one stored when it is called: an ordered consumer (ephemeral, deleted after),
   * for a subscriber that resumes after a disconnection.
   *
   * @throws when JetStream does not answer
   */
  async *replay(subject: string, since: Date): AsyncGenerator<StoredEvent> {
    const consumer = await jetstream(this.nc).consumers.get(this.eventsStream, {
      filter_subjects: subject,
      deliver_policy: DeliverPolicy.StartTime,
      opt_start_time: since.toISOString(),
    });
    if ((await consumer.info()).num_pending === 0) return;
    const messages = await consumer.consume();
    try {
      for await (const msg of messages) {
        yield { subject: msg.subject, data: msg.data };
        if (msg.info.pending === 0) break;
      }
    } finally {
      messages.stop();
    }
  }

  /** Waits until the server has seen every subscription made so far (no message can be missed after). */
  async flush(): Promise<void> {
    await this.nc.flush();
  }
}
