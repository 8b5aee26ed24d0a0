import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { ConsumerMessages, JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { nuid } from '@nats-io/nats-core';
import type { Logger } from '../../../lib/logger';
import { ephemeralConsumerConfig } from './ephemeral-consumer';
import type { StoredEvent } from './nats-hub';

/** Delays between two attempts to create a feed's consumer, in ms: the first, then doubling up to the last. */
export interface FeedRetry {
  initialMs: number;
  maxMs: number;
}

/** What one {@link StreamFeed} reads and where it delivers. */
export interface StreamFeedOptions {
  nc: NatsConnection;
  logger: Logger;
  /** The stream holding the subject, e.g. `EVENTS`. */
  stream: string;
  /** The subject to read, a filter of the stream (wildcards allowed). */
  subject: string;
  /** Called once per stored message, in stream order, never twice for one stream sequence. */
  deliver: (msg: StoredEvent) => void;
  /** Retry delays after a failed attempt (default 250 ms doubling up to 5 s). */
  retry?: FeedRetry;
}

const DEFAULT_RETRY: FeedRetry = { initialMs: 250, maxMs: 5_000 };

/**
 * How long one pull request waits on the server (ms). The client asks for idle heartbeats every
 * half of it and checks its consumer after two missed, so a consumer that silently stopped
 * answering is noticed within about this long.
 */
const PULL_EXPIRES_MS = 10_000;

/**
 * Every message stored on a stream under one subject from the moment the feed starts, in order and
 * once each, across NATS connection losses and server restarts: an ordered consumer (ephemeral,
 * in memory, no acks) that is recreated from the stream sequence after the last one delivered
 * whenever its delivery sequence skips, its pull fails, or the connection comes back
 * ({@link StreamFeed.restart}), as nats.go's ordered consumers do (nats-io/nats.go#1643).
 *
 * Not `jetstream(nc).consumers.get(stream, { filter_subjects })` of @nats-io/jetstream 3.3.1:
 * after a server restart its ordered consumer is recreated at the right sequence but, with its
 * pending-pull counters left over from the lost consumer, pulls one message and stalls for two
 * missed idle heartbeats (30 s with `consume()`'s defaults) before the rest arrives (measured
 * against nats-server 2.9). Nothing is lost that way, but live subscribers wait for it.
 *
 * The first stream sequence is fixed before {@link StreamFeed.ready} resolves (the stream's last
 * sequence + 1, read then), so a message stored after `ready` is always delivered. Failures
 * (NATS down, JetStream not answering, the stream not there yet) are logged as warnings and
 * retried without end until {@link StreamFeed.stop}.
 */
export class StreamFeed {
  /**
   * Resolves once the feed knows where it starts: every message stored after this is delivered
   * (or when it is stopped first). Never rejects.
   */
  readonly ready: Promise<void>;
  private markReady!: () => void;
  private readonly retry: FeedRetry;
  private readonly namePrefix = `gw_${nuid.next()}`;
  private serial = 0;
  /** Stream sequence of the last message delivered (or the one before the first to deliver). */
  private lastSequence: number | null = null;
  private messages: ConsumerMessages | null = null;
  private restartRequested = false;
  private stopped = false;
  /** Ends what the loop is waiting for (a JetStream request, a pause): set while it waits. */
  private interrupt: (() => void) | null = null;
  private manager: Promise<JetStreamManager> | null = null;
  private readonly running: Promise<void>;

  constructor(private readonly options: StreamFeedOptions) {
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.ready = new Promise((resolve) => {
      this.markReady = resolve;
    });
    this.running = this.run();
  }

  /**
   * Recreates the consumer from the sequence after the last one delivered (the current one may
   * be gone with a restarted server, or may have sent messages the connection lost), without
   * waiting for a request in flight. Call it when the connection comes back.
   */
  restart(): void {
    if (this.stopped) return;
    this.restartRequested = true;
    this.messages?.stop();
    this.interrupt?.();
  }

  /** Stops delivering and deletes the consumer; resolves when the feed has stopped. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.messages?.stop();
    this.interrupt?.();
    this.markReady();
    await this.running;
  }

  private closing(): boolean {
    return this.stopped || this.options.nc.isClosed() || this.options.nc.isDraining();
  }

  /** Creates consumers until stopped: one per attempt, each read until it ends, fails or skips. */
  private async run(): Promise<void> {
    const { logger, stream, subject } = this.options;
    let failures = 0;
    while (!this.closing()) {
      this.restartRequested = false;
      let delivered = 0;
      try {
        delivered = await this.readOneConsumer();
        if (delivered === 0 && !this.restartRequested && !this.closing()) throw new Error('the consumer ended before delivering anything');
      } catch (err) {
        if (this.closing()) break;
        if (!this.restartRequested) {
          failures++;
          logger.warn({ err, stream, subject, attempt: failures }, 'stream feed failed; retrying');
        }
      }
      if (delivered > 0 || this.restartRequested) failures = 0;
      if (failures > 0) await this.pause(Math.min(this.retry.initialMs * 2 ** (failures - 1), this.retry.maxMs));
    }
    this.markReady();
  }

  /**
   * One consumer from the sequence after the last delivered: created, read until it ends (a
   * restart, a skipped delivery, the consumer lost), then deleted.
   *
   * @returns how many messages it delivered
   * @throws when JetStream does not answer, or the stream does not exist
   */
  private async readOneConsumer(): Promise<number> {
    const { logger, stream, subject } = this.options;
    this.manager ??= jetstreamManager(this.options.nc, { checkAPI: false });
    const jsm = await this.manager;
    if (this.lastSequence === null) {
      this.lastSequence = (await this.interruptible(jsm.streams.info(stream))).state.last_seq;
      this.markReady();
    }
    const startSequence = this.lastSequence + 1;
    const config = ephemeralConsumerConfig(`${this.namePrefix}_${++this.serial}`, subject, { sequence: startSequence });
    const info = await this.interruptible(jsm.consumers.add(stream, config), (late) => void this.deleteConsumer(late.name));
    let delivered = 0;
    try {
      const messages = await jetstream(this.options.nc).consumers.getConsumerFromInfo(info).consume({ max_messages: 100, expires: PULL_EXPIRES_MS, abort_on_missing_resource: true });
      this.messages = messages;
      if (this.closing() || this.restartRequested) messages.stop();
      if (this.serial > 1) logger.info({ stream, subject, startSequence }, 'stream feed resumed');
      for await (const msg of messages) {
        if (msg.info.deliverySequence !== delivered + 1) {
          logger.warn({ stream, subject, expected: delivered + 1, got: msg.info.deliverySequence }, 'stream feed skipped a delivery; recreating its consumer');
          break;
        }
        delivered++;
        this.lastSequence = msg.info.streamSequence;
        this.options.deliver({ subject: msg.subject, data: msg.data });
      }
      return delivered;
    } finally {
      this.messages?.stop();
      this.messages = null;
      const deletion = this.deleteConsumer(info.name);
      if (this.closing()) await deletion;
    }
  }

  /**
   * `work`, unless {@link restart} or {@link stop} comes first: then it rejects at once (a request
   * sent before a connection loss may wait for its timeout otherwise), and `abandoned` gets the
   * value should `work` succeed later.
   */
  private interruptible<T>(work: Promise<T>, abandoned?: (late: T) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const settle = (then: () => void) => {
        if (settled) return false;
        settled = true;
        this.interrupt = null;
        then();
        return true;
      };
      this.interrupt = () => settle(() => reject(new Error('interrupted by a restart of the feed')));
      work.then(
        (value) => {
          if (!settle(() => resolve(value))) abandoned?.(value);
        },
        (err: unknown) => settle(() => reject(err)),
      );
    });
  }

  /** Deletes a consumer of this feed, best effort (the server removes it after its inactive threshold otherwise). */
  private async deleteConsumer(name: string): Promise<void> {
    if (this.options.nc.isClosed() || !this.manager) return;
    try {
      await (await this.manager).consumers.delete(this.options.stream, name);
    } catch {
      // Gone with a restarted server, or NATS is down: the inactive threshold removes it.
    }
  }

  /** Waits `ms`, or less when {@link restart} or {@link stop} is called meanwhile. */
  private async pause(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await this.interruptible(new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))).catch(() => undefined);
    clearTimeout(timer);
  }
}
