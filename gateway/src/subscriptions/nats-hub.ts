import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamManager } from '@nats-io/jetstream';
import { nuid } from '@nats-io/nats-core';
import type { Msg, NatsConnection, Subscription } from '@nats-io/nats-core';
import type { Logger } from '../../../lib/logger';
import { ephemeralConsumerConfig } from './ephemeral-consumer';
import { StreamFeed } from './stream-feed';
import type { FeedRetry } from './stream-feed';

/** A message as the event fields read it: live (core NATS or the EVENTS stream) or replayed from the stream. */
export type StoredEvent = Pick<Msg, 'subject' | 'data'>;

/** Receives every message of a subject; one message object is shared by all listeners of the subject. */
export type MessageListener = (msg: StoredEvent) => void;

/** How {@link NatsHub.listen} receives a subject. */
export interface ListenOptions {
  /**
   * The subject's messages are kept on the EVENTS stream: read them from there (one
   * {@link StreamFeed} per subject) rather than from core NATS, so that listeners that stay
   * subscribed also get what was stored while the gateway's NATS connection was down.
   * Default false (core NATS: token deltas, job progress).
   */
  stored?: boolean;
}

/** Options of {@link NatsHub}. */
export interface NatsHubOptions {
  /** Retry delays of the stream feeds (see {@link StreamFeed}); tests shorten them. */
  feedRetry?: FeedRetry;
}

interface Entry<S> {
  source: S;
  listeners: Set<MessageListener>;
}

/**
 * Shares NATS reads between subscribers: one reader per distinct subject, created with the first
 * listener and released with the last. A core NATS subscription by default; for a stored subject
 * (`listen(..., { stored: true })`), a {@link StreamFeed} on the EVENTS stream, which the hub
 * restarts from its last delivered sequence each time the connection comes back (after a NATS
 * restart, nothing stored meanwhile is missed). Each message is one object for all its listeners.
 */
export class NatsHub {
  private readonly core = new Map<string, Entry<Subscription>>();
  private readonly stored = new Map<string, Entry<StreamFeed>>();
  private manager: Promise<JetStreamManager> | null = null;

  /**
   * @param eventsStream the deployment's EVENTS stream, which stored subjects and {@link NatsHub.replay} read
   */
  constructor(
    private readonly nc: NatsConnection,
    private readonly logger: Logger,
    private readonly eventsStream: string,
    private readonly options: NatsHubOptions = {},
  ) {
    void this.restartFeedsOnReconnect();
  }

  /** Number of readers currently open: core NATS subscriptions plus stream feeds (one per subject in use). */
  get subscriptionCount(): number {
    return this.core.size + this.stored.size;
  }

  /**
   * Adds a listener for `subject`; returns the function that removes it.
   *
   * @example const stop = hub.listen('events.achievements.achievement.created', (msg) => ..., { stored: true }); stop();
   */
  listen(subject: string, listener: MessageListener, options: ListenOptions = {}): () => void {
    if (options.stored) {
      return this.add(this.stored, subject, listener, (deliver) => new StreamFeed({ nc: this.nc, logger: this.logger, stream: this.eventsStream, subject, deliver, ...(this.options.feedRetry ? { retry: this.options.feedRetry } : {}) }), (feed) => void feed.stop());
    }
    return this.add(
      this.core,
      subject,
      listener,
      (deliver) =>
        this.nc.subscribe(subject, {
          callback: (err, msg) => {
            if (err) this.logger.warn({ err, subject }, 'NATS subscription error');
            else deliver(msg);
          },
        }),
      (subscription) => subscription.unsubscribe(),
    );
  }

  /** Adds a listener to the reader of `subject` in `entries`, opening the reader for the first one; returns its removal, which closes the reader after the last. */
  private add<S>(entries: Map<string, Entry<S>>, subject: string, listener: MessageListener, open: (deliver: MessageListener) => S, close: (source: S) => void): () => void {
    let entry = entries.get(subject);
    if (!entry) {
      const listeners = new Set<MessageListener>();
      entry = { source: open((msg) => this.dispatch(subject, listeners, msg)), listeners };
      entries.set(subject, entry);
    }
    entry.listeners.add(listener);
    const current = entry;
    return () => {
      current.listeners.delete(listener);
      if (current.listeners.size > 0 || entries.get(subject) !== current) return;
      entries.delete(subject);
      close(current.source);
    };
  }

  /**
   * Waits until no message can be missed by the listeners added so far: the server has seen every
   * core subscription, and the stream feeds of `subjects` (all when omitted) know their first
   * sequence. While NATS is down this waits for it to come back.
   *
   * @throws when the connection is closed, or lost before the server answered (core NATS flush)
   */
  async flush(subjects?: readonly string[]): Promise<void> {
    const feeds = (subjects ?? [...this.stored.keys()]).flatMap((subject) => {
      const entry = this.stored.get(subject);
      return entry ? [entry.source.ready] : [];
    });
    await Promise.all([this.nc.flush(), ...feeds]);
  }

  /**
   * The messages of `subject` stored on the EVENTS stream since `since` (inclusive), oldest first,
   * up to the last one stored when it is called, for a subscriber that resumes after a
   * disconnection: one consumer ({@link ephemeralConsumerConfig}), deleted after. A replay does not
   * survive a lost connection: it fails rather than wait for the library to recreate its consumer
   * (the subscriber resumes again).
   *
   * @throws when JetStream does not answer, when the consumer is lost (NATS restarted) or skips a message
   */
  async *replay(subject: string, since: Date): AsyncGenerator<StoredEvent> {
    this.manager ??= jetstreamManager(this.nc, { checkAPI: false });
    const jsm = await this.manager;
    const info = await jsm.consumers.add(this.eventsStream, ephemeralConsumerConfig(`gw_replay_${nuid.next()}`, subject, { time: since }));
    try {
      if (info.num_pending === 0) return;
      const messages = await jetstream(this.nc).consumers.getConsumerFromInfo(info).consume({ abort_on_missing_resource: true });
      try {
        let delivered = 0;
        for await (const msg of messages) {
          if (msg.info.deliverySequence !== ++delivered) throw new Error(`replay of ${subject} skipped a message (delivery ${msg.info.deliverySequence}, expected ${delivered})`);
          yield { subject: msg.subject, data: msg.data };
          if (msg.info.pending === 0) break;
        }
      } finally {
        messages.stop();
      }
    } finally {
      void jsm.consumers.delete(this.eventsStream, info.name).catch(() => undefined);
    }
  }

  /** Hands a message to every listener of its subject; a listener that throws is logged and skipped. */
  private dispatch(subject: string, listeners: ReadonlySet<MessageListener>, msg: StoredEvent): void {
    for (const listener of [...listeners]) {
      try {
        listener(msg);
      } catch (err) {
        this.logger.error({ err, subject }, 'subscription listener failed');
      }
    }
  }

  /** Restarts every stream feed when the connection comes back (the server may have lost their consumers). */
  private async restartFeedsOnReconnect(): Promise<void> {
    for await (const status of this.nc.status()) {
      if (status.type !== 'reconnect') continue;
      for (const entry of this.stored.values()) entry.source.restart();
    }
  }
}
