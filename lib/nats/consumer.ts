import { jetstream } from '@nats-io/jetstream';
import type { JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { SpanStatusCode } from '@opentelemetry/api';
import type { Span } from '@opentelemetry/api';
import type { z } from 'zod';
import type { Logger } from '../logger';
import { inSpan } from '../tracing';
import { InvalidEventError, parseCloudEvent } from './cloudevent';
import { giveUp } from './dead-letters';
import type { GiveUpHandler } from './dead-letters';
import { collectMaxDeliveries } from './max-deliveries';
import type { CloudEvent } from './cloudevent';
import { processSpanOptions } from './messaging-span';
import { contextFromHeaders } from './trace-headers';

/** Marks an error that retrying cannot fix (bad payload, missing row): the message is given up at once. */
export class PermanentError extends Error {
  override readonly name = 'PermanentError';
}

/**
 * Decodes a consumed message's CloudEvent (see `parseCloudEvent`) for a handler: a malformed one
 * becomes a {@link PermanentError}, since redelivering the same bytes cannot help.
 *
 * @throws {PermanentError} on malformed JSON, envelope or data
 */
export function parseQueuedEvent<S extends z.ZodType>(bytes: Uint8Array, dataSchema: S): CloudEvent<z.output<S>> {
  try {
    return parseCloudEvent(bytes, dataSchema);
  } catch (err) {
    if (err instanceof InvalidEventError) throw new PermanentError(err.message, { cause: err });
    throw err;
  }
}

/** Options of {@link startConsumer}; times in milliseconds. */
export interface ConsumerOptions {
  nc: NatsConnection;
  stream: string;
  durable: string;
  /** Where given-up messages go (`subjects.deadLetter(durable)`, on the DLQ stream). */
  deadLetterSubject: string;
  /** The deployment's ADVISORIES stream (`names.streams.advisories`), where the consumer's max-deliveries advisories wait. */
  advisoriesStream: string;
  /** Messages handled at the same time (bounded concurrency). */
  concurrency: number;
  /** Must equal the consumer's `max_deliver`: the delivery on which the handler gets its last chance. */
  maxDeliver: number;
  /** Delay before redelivery after a failed attempt, by attempt number; the last one repeats. */
  retryDelaysMs: number[];
  /** Interval of `working()` heartbeats while a handler runs (below the consumer's ack_wait). */
  heartbeatMs: number;
  logger: Logger;
  /** Handles one message; throwing means "retry later" unless the error is a {@link PermanentError}. */
  handle: (msg: JsMsg) => Promise<void>;
  /**
   * Called when a message is given up: its last delivery failed, a permanent error, or its last
   * delivery got no verdict (read back from the stream after the max-deliveries advisory). Must be
   * idempotent (an advisory may be handled again after a failure).
   */
  onGiveUp?: GiveUpHandler;
}

/** A running consumer; `stop()` stops pulling and waits for the in-flight handlers. */
export interface RunningConsumer {
  stop(): Promise<void>;
}

/**
 * Consumes a durable pull consumer with bounded concurrency and explicit acks: ack on success,
 * `nak(delay)` on failure, and on the last delivery (or a {@link PermanentError}) `onGiveUp`, a
 * dead letter on `deadLetterSubject` (`publishDeadLetter`: payload, headers, error, deliveries),
 * then `term()`; if either fails the message is left for redelivery, so nothing is dropped. A
 * message whose last delivery gets no verdict at all (the process died) is moved to the dead
 * letters from JetStream's max-deliveries advisory (`collectMaxDeliveries`, which also runs
 * `onGiveUp` for it). Handlers must be
 * idempotent: JetStream delivers at least once.
 *
 * Each delivery is handled in a CONSUMER span `process <subject>` that continues the trace the
 * message's headers carry (`traceparent`, see `publishTraced`), so the handler's SQL, requests and
 * publishes belong to the producer's trace; `messaging.outcome` says what became of the delivery
 * (`ack`, `retry`, `dead-letter`, `left`), and a failed attempt is recorded on the span.
 *
 * @throws when the consumer does not exist
 */
export async function startConsumer(options: ConsumerOptions): Promise<RunningConsumer> {
  const js = jetstream(options.nc);
  const consumer = await js.consumers.get(options.stream, options.durable);
  const messages = await consumer.consume({ max_messages: options.concurrency });
  const inflight = new Set<Promise<void>>();
  const log = options.logger.child({ consumer: options.durable });
  const advisories = await collectMaxDeliveries({
    nc: options.nc,
    stream: options.stream,
    durable: options.durable,
    advisoriesStream: options.advisoriesStream,
    deadLetterSubject: options.deadLetterSubject,
    logger: log,
    onGiveUp: options.onGiveUp,
  });

  const settle = async (msg: JsMsg, span: Span): Promise<void> => {
    const heartbeat = setInterval(() => msg.working(), options.heartbeatMs);
    try {
      await options.handle(msg);
      msg.ack();
      span.setAttribute('messaging.outcome', 'ack');
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      const attempt = msg.info.deliveryCount;
      span.recordException(error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: `${error.name}: ${error.message}`.slice(0, REASON_LENGTH) });
      if (error instanceof PermanentError || attempt >= options.maxDeliver) {
        log.error(briefFailure(msg, error), 'giving up message');
        log.debug({ err: error, subject: msg.subject, seq: msg.seq }, 'giving up message: full error');
        try {
          await giveUp(
            js,
            options.deadLetterSubject,
            options.onGiveUp,
            { subject: msg.subject, data: msg.data, headers: msg.headers, stream: options.stream, seq: msg.seq, consumer: options.durable, deliveries: attempt, error: `${error.name}: ${error.message}` },
            error,
          );
          msg.term(error.message.slice(0, 200));
          span.setAttribute('messaging.outcome', 'dead-letter');
        } catch (giveUpErr) {
          log.error({ err: giveUpErr }, 'recording the failure failed; message left for redelivery');
          msg.nak(lastOrAt(options.retryDelaysMs, attempt - 1));
          span.setAttribute('messaging.outcome', 'left');
        }
        return;
      }
      const delay = lastOrAt(options.retryDelaysMs, attempt - 1);
      log.warn({ ...briefFailure(msg, error), retryInMs: delay }, 'handler failed, will retry');
      log.debug({ err: error, subject: msg.subject, seq: msg.seq }, 'handler failed: full error');
      msg.nak(delay);
      span.setAttribute('messaging.outcome', 'retry');
    } finally {
      clearInterval(heartbeat);
    }
  };

  const handleOne = (msg: JsMsg): Promise<void> => {
    const { name, options: spanOptions } = processSpanOptions(msg, options.durable);
    return inSpan(name, spanOptions, (span) => settle(msg, span), contextFromHeaders(msg.headers));
  };

  const loop = (async () => {
    for await (const msg of messages) {
      const task: Promise<void> = handleOne(msg).finally(() => inflight.delete(task));
      inflight.add(task);
      while (inflight.size >= options.concurrency) await Promise.race(inflight);
    }
  })();

  return {
    async stop() {
      messages.stop();
      await loop;
      await Promise.allSettled([...inflight]);
      await advisories.stop();
    },
  };
}

/** Longest reason kept in a failure log line (characters). */
const REASON_LENGTH = 200;

/**
 * One short log line's worth of a failed message: subject, stream sequence, delivery, the
 * CloudEvents `type` when the payload has one, and the first line of the error (the full error
 * goes to debug level), so that a poison message does not flood the logs.
 */
export function briefFailure(msg: Pick<JsMsg, 'subject' | 'seq' | 'data' | 'info'>, error: Error): Record<string, unknown> {
  let type: unknown;
  try {
    type = (JSON.parse(Buffer.from(msg.data).toString('utf8')) as { type?: unknown }).type;
  } catch {
    type = undefined;
  }
  const reason = `${error.name}: ${error.message.split('\n')[0] ?? ''}`.slice(0, REASON_LENGTH);
  return { subject: msg.subject, seq: msg.seq, attempt: msg.info.deliveryCount, ...(typeof type === 'string' ? { type } : {}), reason };
}

function lastOrAt(values: number[], index: number): number {
  return values[Math.min(Math.max(index, 0), values.length - 1)] ?? 1000;
}
