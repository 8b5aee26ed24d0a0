import { randomUUID } from 'node:crypto';
import { DEFAULT_NATS_URL } from '../../lib/config';

/** URL of the test NATS server (`NATS_URL`, or the local default). */
export function natsUrl(): string {
  return process.env.NATS_URL ?? DEFAULT_NATS_URL;
}

/**
 * A durable consumer name unique to one suite, so that suites (and a running `npm start`) never
 * share an event consumer. Event consumers start at new messages, so old events are not replayed.
 */
export function uniqueDurable(base: string): string {
  return `${base}-test-${randomUUID().slice(0, 8)}`;
}
