import { RetentionPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamManager, StoredMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import type { Logger } from '../logger';
import { giveUp } from './dead-letters';
import type { GiveUpHandler } from './dead-letters';
import { ensureDurableConsumer, maxDeliveriesSubject } from './streams';

/** JetStream's advisory that a message reached `max_deliver` without an acknowledgement (ADR-10). */
interface MaxDeliveriesAdvisory {
  stream: string;
  consumer: string;
  stream_seq: number;
  deliveries: number;
}

/** Options of {@link collectMaxDeliveries}. */
export interface MaxDeliveriesOptions {
  nc: NatsConnection;
  /** The stream and durable consumer whose exhausted messages are collected. */
  stream: string;
  durable: string;
  /** The deployment's ADVISORIES stream (`streamNamesFor(prefix).advisories`), which keeps the advisories. */
  advisoriesStream: string;
  /** Where the dead letters go (`subjects.deadLetter(durable)`). */
  deadLetterSubject: string;
  logger: Pick<Logger, 'warn' | 'error'>;
  /** What the consumer does with a message it gives up (e.g. marks its job FAILED); idempotent. */
  onGiveUp?: GiveUpHandler;
}

/** A running collector; `stop()` stops pulling and waits for the advisory in hand. */
export interface RunningCollector {
  stop(): Promise<void>;
}

/** Delay before an advisory whose handling failed is tried again (ms). */
const RETRY_DELAY_MS = 5_000;

/**
 * Handles the messages of `stream` whose last delivery to `durable` never got a verdict (the
 * worker died or hung through every delivery, e.g. a message that crashes it): JetStream then
 * publishes a max-deliveries advisory, which the ADVISORIES stream keeps until it is handled, so
 * an advisory sent while every replica of the worker was down is handled when one is back (a
 * core-NATS subscription would have missed it, and the job would have stayed PROCESSING forever).
 * For each advisory, through the durable consumer `<durable>-max-deliveries` (shared by the
 * replicas): the message is read back from its stream and given up as a failed last delivery is
 * (`giveUp`: `onGiveUp`, then the dead letter, deduplicated with the consumer's own); a work-queue message is deleted from its stream, as `term()` would have;
 * then the advisory is acknowledged. A failure leaves the advisory for another try after
 * {@link RETRY_DELAY_MS}; a message no longer in its stream was settled already and is skipped.
 *
 * @throws when the streams or the collector's consumer cannot be read or created
 */
export async function collectMaxDeliveries(options: MaxDeliveriesOptions): Promise<RunningCollector> {
  const collector = `${options.durable}-max-deliveries`;
  await ensureDurableConsumer(options.nc, {
    stream: options.advisoriesStream,
    durable: collector,
    filterSubject: maxDeliveriesSubject(options.stream, options.durable),
    ackWaitMs: 30_000,
    maxDeliver: -1,
  });
  const jsm = await jetstreamManager(options.nc);
  const workQueue = (await jsm.streams.info(options.stream)).config.retention === RetentionPolicy.Workqueue;
  const js = jetstream(options.nc);
  const messages = await (await js.consumers.get(options.advisoriesStream, collector)).consume({ max_messages: 4 });

  const handle = async (advisory: MaxDeliveriesAdvisory): Promise<void> => {
    const original = await storedMessage(jsm, advisory.stream, advisory.stream_seq);
    if (!original) return;
    const error = new Error(`max deliveries (${advisory.deliveries}) reached without an acknowledgement`);
    await giveUp(
      js,
      options.deadLetterSubject,
      options.onGiveUp,
      { subject: original.subject, data: original.data, headers: original.header, stream: advisory.stream, seq: advisory.stream_seq, consumer: advisory.consumer, deliveries: advisory.deliveries, error: error.message },
      error,
    );
    if (workQueue) await jsm.streams.deleteMessage(advisory.stream, advisory.stream_seq, false).catch((err: unknown) => ignoreMissing(err));
    options.logger.warn({ stream: advisory.stream, seq: advisory.stream_seq, consumer: advisory.consumer }, 'message moved to the dead letters after its last delivery got no verdict');
  };

  const loop = (async () => {
    for await (const msg of messages) {
      try {
        await handle(msg.json<MaxDeliveriesAdvisory>());
        msg.ack();
      } catch (err) {
        options.logger.error({ err, consumer: options.durable }, 'could not handle a max-deliveries advisory; will try again');
        msg.nak(RETRY_DELAY_MS);
      }
    }
  })();

  return {
    async stop() {
      messages.stop();
      await loop;
    },
  };
}

/** The message stored at `seq`, or null when it is gone (acknowledged, terminated, deleted or expired). */
async function storedMessage(jsm: JetStreamManager, stream: string, seq: number): Promise<StoredMsg | null> {
  try {
    return await jsm.streams.getMessage(stream, { seq });
  } catch (err) {
    ignoreMissing(err);
    return null;
  }
}

function ignoreMissing(err: unknown): void {
  if (!(err instanceof Error && /no message found|not found/i.test(err.message))) throw err;
}
