import { randomBytes, randomUUID } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { DEFAULT_NATS_URL } from '../../lib/config';
import { natsNames } from '../../lib/nats';
import type { NatsNames } from '../../lib/nats';

/** URL of the test NATS server (`NATS_URL`, or the local default). */
export function natsUrl(): string {
  return process.env.NATS_URL ?? DEFAULT_NATS_URL;
}

/**
 * Prefix of every NATS name of this test run (`t<run id>`, set by the global setup): the global
 * teardown deletes the run's streams by it.
 */
export function runNatsPrefix(): string {
  return `t${process.env.TEST_RUN_ID ?? 'local'}`;
}

/**
 * This suite's NATS names: the services of the suite get `NATS_PREFIX` = `TEST_NATS.prefix`, so
 * they use their own streams, consumers and subjects, and never see those of another suite, of a
 * second test run or of a running `npm start`. (Jest loads this module once per test file.)
 */
export const TEST_NATS: NatsNames = natsNames(`${runNatsPrefix()}${randomBytes(3).toString('hex')}`);

/** `NATS_URL` and `NATS_PREFIX` of this suite, for a service's config. */
export function testNatsEnv(): { NATS_URL: string; NATS_PREFIX: string } {
  return { NATS_URL: natsUrl(), NATS_PREFIX: TEST_NATS.prefix! };
}

/** Deletes the streams (and with them the consumers) whose names start with `prefix`. */
export async function deleteStreams(nc: NatsConnection, prefix: string): Promise<void> {
  const jsm = await jetstreamManager(nc);
  for await (const name of jsm.streams.names()) {
    if (name.startsWith(prefix)) await jsm.streams.delete(name).catch(() => undefined);
  }
}

/** A durable consumer name unique to one suite (event consumers start at new messages). */
export function uniqueDurable(base: string): string {
  return `${base}-test-${randomUUID().slice(0, 8)}`;
}
