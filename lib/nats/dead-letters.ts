import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamClient } from '@nats-io/jetstream';
import { headers } from '@nats-io/nats-core';
import type { MsgHdrs, NatsConnection } from '@nats-io/nats-core';

/** Headers a dead letter carries besides the original message's own. */
export const DEAD_LETTER_HEADERS = {
  /** Subject the message was published to. */
  subject: 'Dlq-Original-Subject',
  /** Its `Nats-Msg-Id`, if it had one. */
  msgId: 'Dlq-Original-Msg-Id',
  /** Stream and sequence it was stored at. */
  stream: 'Dlq-Stream',
  seq: 'Dlq-Stream-Seq',
  /** Durable consumer that gave it up. */
  consumer: 'Dlq-Consumer',
  /** Deliveries made. */
  deliveries: 'Dlq-Deliveries',
  /** Why it was given up (at most 500 characters). */
  error: 'Dlq-Error',
} as const;

/** A message a durable consumer gave up, as the DLQ stream stores it. */
export interface DeadLetter {
  subject: string;
  data: Uint8Array;
  headers?: MsgHdrs | undefined;
  stream: string;
  seq: number;
  consumer: string;
  deliveries: number;
  error: string;
}

/**
 * Stores a dead letter on `deadLetterSubject` (the DLQ stream): the original payload, the
 * original headers (its `Nats-Msg-Id` as `Dlq-Original-Msg-Id`) and {@link DEAD_LETTER_HEADERS};
 * `Nats-Msg-Id` = `dlq:<stream>:<seq>`, so the consumer's own verdict and a max-deliveries
 * advisory for the same message make one dead letter.
 *
 * @throws when JetStream does not acknowledge (the caller keeps the original message)
 */
export async function publishDeadLetter(js: JetStreamClient, deadLetterSubject: string, letter: DeadLetter): Promise<void> {
  const h = headers();
  for (const key of letter.headers?.keys() ?? []) {
    for (const value of letter.headers!.values(key)) h.append(key === 'Nats-Msg-Id' ? DEAD_LETTER_HEADERS.msgId : key, value);
  }
  h.set(DEAD_LETTER_HEADERS.subject, letter.subject);
  h.set(DEAD_LETTER_HEADERS.stream, letter.stream);
  h.set(DEAD_LETTER_HEADERS.seq, String(letter.seq));
  h.set(DEAD_LETTER_HEADERS.consumer, letter.consumer);
  h.set(DEAD_LETTER_HEADERS.deliveries, String(letter.deliveries));
  h.set(DEAD_LETTER_HEADERS.error, letter.error.replace(/[\r\n]+/g, ' ').slice(0, 500));
  await js.publish(deadLetterSubject, letter.data, { msgID: `dlq:${letter.stream}:${letter.seq}`, headers: h });
}

/** A message a consumer gave up, as its `onGiveUp` receives it: the delivery, or the message read back from its stream. */
export type GivenUpMessage = Pick<DeadLetter, 'subject' | 'data' | 'headers'>;

/** What a consumer does with a message it gives up, besides storing the dead letter (e.g. marks its job FAILED); idempotent. */
export type GiveUpHandler = (msg: GivenUpMessage, error: Error) => Promise<void>;

/**
 * Gives a message up, the same way whichever path found it exhausted (the consumer's last
 * delivery, or a max-deliveries advisory): the consumer's `onGiveUp` first, then the dead letter
 * ({@link publishDeadLetter}, deduplicated by stream sequence). Settling the original message
 * (`term()`, or deleting it) is the caller's, after this resolves.
 *
 * @param error why it is given up, as `onGiveUp` receives it (`letter.error` is its text)
 * @throws what `onGiveUp` or the publish throws (the caller leaves the message for another try)
 */
export async function giveUp(js: JetStreamClient, deadLetterSubject: string, onGiveUp: GiveUpHandler | undefined, letter: DeadLetter, error: Error): Promise<void> {
  await onGiveUp?.({ subject: letter.subject, data: letter.data, headers: letter.headers }, error);
  await publishDeadLetter(js, deadLetterSubject, letter);
}

/** A stored dead letter, as {@link listDeadLetters} reads it. */
export interface StoredDeadLetter {
  /** Sequence in the DLQ stream: what {@link replayDeadLetter} takes. */
  seq: number;
  /** Stored at. */
  time: Date;
  consumer: string;
  /** Subject the message was published to, and where a replay sends it. */
  subject: string;
  deliveries: number;
  error: string;
}

/**
 * The dead letters stored on the DLQ stream, oldest first (at most `limit`), optionally of one
 * durable consumer only; read with an ordered consumer, nothing is acknowledged or removed.
 *
 * @throws when JetStream does not answer or the stream does not exist
 */
export async function listDeadLetters(nc: NatsConnection, options: { stream: string; subject: string; limit: number }): Promise<StoredDeadLetter[]> {
  const consumer = await jetstream(nc).consumers.get(options.stream, { filter_subjects: options.subject });
  const letters: StoredDeadLetter[] = [];
  if ((await consumer.info()).num_pending === 0) return letters;
  const messages = await consumer.consume();
  try {
    for await (const msg of messages) {
      letters.push({
        seq: msg.info.streamSequence,
        time: msg.time,
        consumer: msg.headers?.get(DEAD_LETTER_HEADERS.consumer) ?? '',
        subject: msg.headers?.get(DEAD_LETTER_HEADERS.subject) ?? '',
        deliveries: Number(msg.headers?.get(DEAD_LETTER_HEADERS.deliveries) ?? 0),
        error: msg.headers?.get(DEAD_LETTER_HEADERS.error) ?? '',
      });
      if (msg.info.pending === 0 || letters.length >= options.limit) break;
    }
  } finally {
    messages.stop();
  }
  return letters;
}

/**
 * Sends a dead letter back to its original subject (its payload, and its original headers without
 * the `Dlq-*` ones), with `Nats-Msg-Id` `replay:<dlq stream>:<seq>` so that a second replay of
 * the same letter within the duplicate window is dropped, then deletes it from the DLQ stream. The
 * consumer that gave it up receives it as a new message (handlers are idempotent).
 *
 * @returns the original subject it was sent to
 * @throws {Error} when the DLQ stream holds no message at `seq`
 * @throws when JetStream does not answer
 */
export async function replayDeadLetter(nc: NatsConnection, dlqStream: string, seq: number): Promise<string> {
  const jsm = await jetstreamManager(nc);
  const letter = await jsm.streams.getMessage(dlqStream, { seq }).catch(() => null);
  const subject = letter?.header.get(DEAD_LETTER_HEADERS.subject);
  if (!letter || !subject) throw new Error(`no dead letter at ${dlqStream} sequence ${seq}`);
  const dlqHeaders = new Set<string>(Object.values(DEAD_LETTER_HEADERS).map((h) => h.toLowerCase()));
  const h = headers();
  for (const key of letter.header.keys()) {
    if (dlqHeaders.has(key.toLowerCase()) || key.toLowerCase() === 'nats-msg-id') continue;
    for (const value of letter.header.values(key)) h.append(key, value);
  }
  await jetstream(nc).publish(subject, letter.data, { msgID: `replay:${dlqStream}:${seq}`, headers: h });
  await jsm.streams.deleteMessage(dlqStream, seq, false);
  return subject;
}
