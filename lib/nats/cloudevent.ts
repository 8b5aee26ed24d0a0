import { randomUUID } from 'node:crypto';
import { z } from 'zod';

/**
 * A CloudEvents 1.0 event in JSON structured mode (https://github.com/cloudevents/spec).
 * `id` is also sent as the `Nats-Msg-Id` header so that JetStream drops republished duplicates.
 */
export interface CloudEvent<T = unknown> {
  specversion: '1.0';
  /** Unique per event; a republish of the same event keeps it. */
  id: string;
  /** URI-reference of the producer, e.g. `/subgraphs/content`. */
  source: string;
  /** Reverse-DNS event type, e.g. `com.threads-agent.content.post.created`. */
  type: string;
  /** ISO 8601 time the event happened. */
  time: string;
  /** Entity the event is about, e.g. a post id. */
  subject?: string;
  datacontenttype: 'application/json';
  data: T;
}

/** Fields chosen by the producer; `id` defaults to a random UUID and `time` to now. */
export interface CloudEventInit<T> {
  id?: string;
  source: string;
  type: string;
  subject?: string;
  time?: Date;
  data: T;
}

/** Builds a CloudEvents envelope. */
export function createCloudEvent<T>(init: CloudEventInit<T>): CloudEvent<T> {
  return {
    specversion: '1.0',
    id: init.id ?? randomUUID(),
    source: init.source,
    type: init.type,
    time: (init.time ?? new Date()).toISOString(),
    ...(init.subject ? { subject: init.subject } : {}),
    datacontenttype: 'application/json',
    data: init.data,
  };
}

const envelopeSchema = z.object({
  specversion: z.literal('1.0'),
  id: z.string().min(1),
  source: z.string().min(1),
  type: z.string().min(1),
  time: z.string(),
  subject: z.string().optional(),
  datacontenttype: z.literal('application/json'),
  data: z.unknown(),
});

/** Thrown when a message is not a CloudEvent or its `data` does not match the expected shape. */
export class InvalidEventError extends Error {
  override readonly name = 'InvalidEventError';
}

/**
 * Decodes a JSON CloudEvent and validates its `data` with a zod schema.
 *
 * @throws {InvalidEventError} on malformed JSON, envelope or data
 */
export function parseCloudEvent<S extends z.ZodType>(bytes: Uint8Array | string, dataSchema: S): CloudEvent<z.output<S>> {
  let json: unknown;
  try {
    json = JSON.parse(typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('utf8'));
  } catch (cause) {
    throw new InvalidEventError('event is not JSON', { cause });
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) throw new InvalidEventError(`not a CloudEvent: ${envelope.error.message}`);
  const data = dataSchema.safeParse(envelope.data.data);
  if (!data.success) throw new InvalidEventError(`unexpected ${envelope.data.type} data: ${data.error.message}`);
  return { ...envelope.data, data: data.data } as CloudEvent<z.output<S>>;
}
