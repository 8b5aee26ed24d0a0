import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamManager, StoredMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { createLogger } from '../../../lib/logger';
import { DEAD_LETTER_HEADERS, PermanentError, collectMaxDeliveries, connectNats, ensureDurableConsumer, listDeadLetters, maxDeliveriesSubject, provisionStreams, publishDeadLetter, replayDeadLetter, startConsumer } from '../../../lib/nats';
import { eventually } from '../../support/eventually';
import { TEST_NATS, deleteStreams, natsUrl } from '../../support/nats';

const { streams, subjects } = TEST_NATS;
const logger = createLogger('dead-letters-test', 'silent');

describe('dead letters (DLQ stream) of durable consumers', () => {
  let nc: NatsConnection;
  let jsm: JetStreamManager;

  beforeAll(async () => {
    nc = await connectNats(natsUrl(), 'dead-letters-test');
    await provisionStreams(nc, TEST_NATS.prefix);
    jsm = await jetstreamManager(nc);
  });

  afterAll(async () => {
    await deleteStreams(nc, TEST_NATS.prefix!);
    await nc?.drain();
  });

  /** The dead letter of `durable`, once stored. */
  const deadLetterOf = (durable: string): Promise<StoredMsg> =>
    eventually(async () => (await jsm.streams.getMessage(streams.dlq, { last_by_subj: subjects.deadLetter(durable) }).catch(() => null)) ?? undefined, 10_000);

  async function consumerOn(subject: string, durable: string, maxDeliver: number, ackWaitMs = 30_000): Promise<void> {
    await ensureDurableConsumer(nc, { stream: streams.events, durable, filterSubject: subject, ackWaitMs, maxDeliver });
  }

  it('stores a message given up on a permanent error with its payload, headers, error and delivery count, once', async () => {
    const subject = `${TEST_NATS.prefix}.events.test.dlq-permanent`;
    await consumerOn(subject, 'dlq-permanent', 5);
    const gaveUp: string[] = [];
    const consumer = await startConsumer({
      nc,
      stream: streams.events,
      durable: 'dlq-permanent',
      deadLetterSubject: subjects.deadLetter('dlq-permanent'),
      advisoriesStream: streams.advisories,
      concurrency: 1,
      maxDeliver: 5,
      retryDelaysMs: [50],
      heartbeatMs: 1000,
      logger,
      handle: async () => {
        throw new PermanentError('payload names no post');
      },
      onGiveUp: async (_msg, error) => void gaveUp.push(error.message),
    });
    try {
      const ack = await jetstream(nc).publish(subject, '{"poison":true}', { msgID: 'poison-1' });
      const letter = await deadLetterOf('dlq-permanent');
      expect(letter.string()).toBe('{"poison":true}');
      expect(letter.header.get(DEAD_LETTER_HEADERS.subject)).toBe(subject);
      expect(letter.header.get(DEAD_LETTER_HEADERS.msgId)).toBe('poison-1');
      expect(letter.header.get(DEAD_LETTER_HEADERS.stream)).toBe(streams.events);
      expect(letter.header.get(DEAD_LETTER_HEADERS.seq)).toBe(String(ack.seq));
      expect(letter.header.get(DEAD_LETTER_HEADERS.consumer)).toBe('dlq-permanent');
      expect(letter.header.get(DEAD_LETTER_HEADERS.deliveries)).toBe('1');
      expect(letter.header.get(DEAD_LETTER_HEADERS.error)).toBe('PermanentError: payload names no post');
      expect(gaveUp).toEqual(['payload names no post']);
    } finally {
      await consumer.stop();
    }
  });

  it('stores a message whose every delivery failed after the last one (deliveries = max_deliver)', async () => {
    const subject = `${TEST_NATS.prefix}.events.test.dlq-retried`;
    await consumerOn(subject, 'dlq-retried', 3);
    let attempts = 0;
    const consumer = await startConsumer({
      nc,
      stream: streams.events,
      durable: 'dlq-retried',
      deadLetterSubject: subjects.deadLetter('dlq-retried'),
      advisoriesStream: streams.advisories,
      concurrency: 1,
      maxDeliver: 3,
      retryDelaysMs: [50],
      heartbeatMs: 1000,
      logger,
      handle: async () => {
        attempts++;
        throw new Error('provider timed out');
      },
    });
    try {
      await jetstream(nc).publish(subject, '{"n":1}');
      const letter = await deadLetterOf('dlq-retried');
      expect(attempts).toBe(3);
      expect(letter.header.get(DEAD_LETTER_HEADERS.deliveries)).toBe('3');
      expect(letter.header.get(DEAD_LETTER_HEADERS.error)).toBe('Error: provider timed out');
    } finally {
      await consumer.stop();
    }
  });

  it('moves a message whose last delivery got no verdict (max-deliveries advisory) to the dead letters, and keeps an event', async () => {
    const subject = `${TEST_NATS.prefix}.events.test.dlq-silent`;
    await consumerOn(subject, 'dlq-silent', 1, 1000);
    const gaveUp: string[] = [];
    const collector = await collectMaxDeliveries({
      nc,
      stream: streams.events,
      durable: 'dlq-silent',
      advisoriesStream: streams.advisories,
      deadLetterSubject: subjects.deadLetter('dlq-silent'),
      logger,
      onGiveUp: async (msg, error) => void gaveUp.push(`${new TextDecoder().decode(msg.data)} ${error.message}`),
    });
    try {
      const ack = await jetstream(nc).publish(subject, '{"n":2}');
      // A worker that takes the message and dies: never acknowledged.
      const consumer = await jetstream(nc).consumers.get(streams.events, 'dlq-silent');
      const taken = await consumer.next({ expires: 2000 });
      expect(taken?.seq).toBe(ack.seq);
      // The server notices at its next delivery attempt, after the ack wait.
      const letter = await eventually(async () => {
        await consumer.next({ expires: 1000 });
        return (await jsm.streams.getMessage(streams.dlq, { last_by_subj: subjects.deadLetter('dlq-silent') }).catch(() => null)) ?? undefined;
      }, 15_000);
      expect(letter.string()).toBe('{"n":2}');
      expect(letter.header.get(DEAD_LETTER_HEADERS.seq)).toBe(String(ack.seq));
      expect(letter.header.get(DEAD_LETTER_HEADERS.error)).toMatch(/max deliveries \(1\) reached/);
      expect(gaveUp).toEqual(['{"n":2} max deliveries (1) reached without an acknowledgement']);
      // An event stays in EVENTS for its other readers.
      expect((await jsm.streams.getMessage(streams.events, { seq: ack.seq }))?.string()).toBe('{"n":2}');
    } finally {
      await collector.stop();
    }
  });

  it('handles an advisory sent while no worker listened, once one is back: onGiveUp, dead letter, the job message removed', async () => {
    const subject = `${TEST_NATS.prefix}.jobs.test.dlq-offline`;
    await ensureDurableConsumer(nc, { stream: streams.jobs, durable: 'dlq-offline', filterSubject: subject, ackWaitMs: 1000, maxDeliver: 1 });
    const ack = await jetstream(nc).publish(subject, '{"job":"poison"}');
    const consumer = await jetstream(nc).consumers.get(streams.jobs, 'dlq-offline');
    expect((await consumer.next({ expires: 2000 }))?.seq).toBe(ack.seq);
    // The worker died with the message, and nobody collects advisories: the ADVISORIES stream keeps it.
    const advisorySubject = maxDeliveriesSubject(streams.jobs, 'dlq-offline');
    await eventually(async () => {
      await consumer.next({ expires: 1000 });
      return (await jsm.streams.getMessage(streams.advisories, { last_by_subj: advisorySubject }).catch(() => null)) ?? undefined;
    }, 15_000);

    const gaveUp: string[] = [];
    const collector = await collectMaxDeliveries({
      nc,
      stream: streams.jobs,
      durable: 'dlq-offline',
      advisoriesStream: streams.advisories,
      deadLetterSubject: subjects.deadLetter('dlq-offline'),
      logger,
      onGiveUp: async (msg) => void gaveUp.push(new TextDecoder().decode(msg.data)),
    });
    try {
      const letter = await deadLetterOf('dlq-offline');
      expect(letter.string()).toBe('{"job":"poison"}');
      await eventually(async () => ((await jsm.streams.getMessage(streams.jobs, { seq: ack.seq }).catch(() => null)) === null ? true : undefined), 10_000);
      await eventually(async () => ((await jsm.streams.getMessage(streams.advisories, { last_by_subj: advisorySubject }).catch(() => null)) === null ? true : undefined), 10_000);
      expect(gaveUp).toEqual(['{"job":"poison"}']);
    } finally {
      await collector.stop();
    }
  });

  it('lists dead letters and replays one to its original subject once (npm run dlq)', async () => {
    const subject = `${TEST_NATS.prefix}.events.test.dlq-replay`;
    const js = jetstream(nc);
    const original = await js.publish(subject, '{"n":3}');
    await publishDeadLetter(js, subjects.deadLetter('dlq-replay'), { subject, data: new TextEncoder().encode('{"n":3}'), stream: streams.events, seq: original.seq, consumer: 'dlq-replay', deliveries: 5, error: 'Error: handler gave up' });
    const [letter] = await listDeadLetters(nc, { stream: streams.dlq, subject: subjects.deadLetter('dlq-replay'), limit: 10 });
    expect(letter).toMatchObject({ consumer: 'dlq-replay', subject, deliveries: 5, error: 'Error: handler gave up' });

    const run = promisify(execFile);
    const env = { ...process.env, NATS_URL: natsUrl(), NATS_PREFIX: TEST_NATS.prefix! };
    const listed = await run('npx', ['tsx', 'scripts/dlq.ts', 'list', '--consumer', 'dlq-replay'], { env });
    expect(listed.stdout).toContain(`${letter!.seq}\t`);
    expect(listed.stdout).toContain(`\tdlq-replay\t${subject}\tdeliveries=5\tError: handler gave up`);
    const replayed = await run('npx', ['tsx', 'scripts/dlq.ts', 'replay', String(letter!.seq)], { env });
    expect(replayed.stdout).toBe(`${letter!.seq}\treplayed to ${subject}\n`);

    const resent = await jsm.streams.getMessage(streams.events, { last_by_subj: subject });
    expect(resent?.seq).toBeGreaterThan(original.seq);
    expect(resent?.string()).toBe('{"n":3}');
    expect(resent?.header?.get('Nats-Msg-Id')).toBe(`replay:${streams.dlq}:${letter!.seq}`);
    expect(await listDeadLetters(nc, { stream: streams.dlq, subject: subjects.deadLetter('dlq-replay'), limit: 10 })).toEqual([]);
    await expect(replayDeadLetter(nc, streams.dlq, letter!.seq)).rejects.toThrow(`no dead letter at ${streams.dlq} sequence ${letter!.seq}`);
  });
});
