import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { createLogger } from '../../../lib/logger';
import { connectNats, ensureDurableConsumer } from '../../../lib/nats';
import { createOutbox } from '../../../lib/outbox';
import type { Outbox } from '../../../lib/outbox';
import { Registry } from 'prom-client';
import { loadContentConfig } from '../../../subgraphs/content/src/config';
import type { ContentConfig } from '../../../subgraphs/content/src/config';
import { CONTENT_SCHEMA } from '../../../subgraphs/content/src/db/database';
import type { ContentDatabase, PostRow } from '../../../subgraphs/content/src/db/database';
import { startContentSubgraph } from '../../../subgraphs/content/src/server';
import { TEST_NATS, natsUrl } from '../../support/nats';
import { startSubgraphTestContext } from '../../support/subgraph-context';
import type { SubgraphTestContext } from '../../support/subgraph-context';

const { subjects } = TEST_NATS;
const JOBS_STREAM = TEST_NATS.streams.jobs;

/** The shared work-queue consumer of JOBS (workqueue streams forbid a second, overlapping one). */
export const JOBS_DURABLE = 'content-generator';

/** The content subgraph in a suite's test context, with NATS access for setup and checks. */
export interface ContentHarness extends SubgraphTestContext<ContentDatabase, ContentConfig> {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  /** An outbox on the suite's database and NATS client (relay not started), for operations called directly. */
  outbox: Outbox<ContentDatabase>;
}

/**
 * Starts the content subgraph (no worker) in a test context: its own database, the shared JOBS
 * consumer, words written at once, a short wait for experiments' variant.
 */
export async function startContentHarness(overrides: NodeJS.ProcessEnv = {}): Promise<ContentHarness> {
  const context = await startSubgraphTestContext<ContentDatabase, ContentConfig>(
    { name: 'content', loadConfig: loadContentConfig, start: startContentSubgraph },
    { CONTENT_CONSUMER_DURABLE: JOBS_DURABLE, OFFLINE_TOKEN_DELAY_MS: '0', VARIANT_TIMEOUT_MS: '200', ...overrides },
  );
  const nc = await connectNats(natsUrl(), 'content-tests');
  const jsm = await jetstreamManager(nc);
  const firstSeq = (await jsm.streams.info(JOBS_STREAM)).state.last_seq + 1;
  const js = jetstream(nc);
  const outbox = createOutbox({ db: context.db, schema: CONTENT_SCHEMA, js, logger: createLogger('content-tests', 'silent'), registry: new Registry() });
  return {
    ...context,
    nc,
    js,
    jsm,
    outbox,
    async stop() {
      await outbox.stop();
      await deleteLeftoverJobMessages(context.db, jsm, firstSeq);
      await nc.drain();
      await context.stop();
    },
  };
}

/**
 * Removes from JOBS the messages of this database's jobs that no worker acknowledged (jobs of a
 * suite without a worker; on nats-server 2.9, also terminated ones), so that later workers on
 * the shared consumer do not receive them.
 */
async function deleteLeftoverJobMessages(db: Kysely<ContentDatabase>, jsm: JetStreamManager, firstSeq: number): Promise<void> {
  const ours = new Set((await db.withSchema('content').selectFrom('generation_jobs').select('id').execute()).map((row) => row.id));
  const lastSeq = (await jsm.streams.info(JOBS_STREAM)).state.last_seq;
  for (let seq = firstSeq; seq <= lastSeq; seq++) {
    const msg = await jsm.streams.getMessage(JOBS_STREAM, { seq });
    const jobId = msg?.json<{ data?: { jobId?: string } }>().data?.jobId;
    if (jobId && ours.has(jobId)) await jsm.streams.deleteMessage(JOBS_STREAM, seq, false);
  }
}

/** Inserts a persona row directly and returns its id. */
export async function insertPersona(db: Kysely<ContentDatabase>, name: string, tone = 'kind'): Promise<string> {
  const row = await db
    .withSchema('content')
    .insertInto('personas')
    .values({ name, emoji: '🙏', tone, description: '', hook_model: 'gpt-4o', body_model: 'gpt-4o-mini' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Inserts a post row directly (no job) and returns it. */
export async function insertPost(
  db: Kysely<ContentDatabase>,
  post: { personaId: string; createdAt?: Date; tokensUsed?: number; costUsd?: number; hook?: string },
): Promise<PostRow> {
  return db
    .withSchema('content')
    .insertInto('posts')
    .values({
      id: randomUUID(),
      persona_id: post.personaId,
      hook: post.hook ?? 'A hook',
      body: 'A body.',
      original_input: 'a topic',
      tokens_used: post.tokensUsed ?? 0,
      cost_usd: post.costUsd ?? 0,
      model: 'gpt-4o-mini',
      ...(post.createdAt ? { created_at: post.createdAt } : {}),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Rows of a content table in the suite's database, optionally only those with the given column values. */
export async function countRows(db: Kysely<ContentDatabase>, table: keyof ContentDatabase, where: Record<string, string> = {}): Promise<number> {
  const conditions = Object.entries(where).map(([column, value]) => sql`${sql.ref(column)} = ${value}`);
  const filter = conditions.length > 0 ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
  const result = await sql<{ count: string }>`select count(*) as count from ${sql.table(`content.${table}`)} ${filter}`.execute(db);
  return Number(result.rows[0]?.count);
}

/** Sequence number of the last message stored in JOBS (0 when empty). */
export async function jobsLastSeq(jsm: JetStreamManager): Promise<number> {
  return (await jsm.streams.info(JOBS_STREAM)).state.last_seq;
}

/** Sequence of the JOBS message for `jobId` stored after `afterSeq`, or undefined. */
export async function findJobMessage(jsm: JetStreamManager, jobId: string, afterSeq: number): Promise<number | undefined> {
  const lastSeq = await jobsLastSeq(jsm);
  for (let seq = afterSeq + 1; seq <= lastSeq; seq++) {
    const msg = await jsm.streams.getMessage(JOBS_STREAM, { seq });
    if (msg && msg.json<{ data?: { jobId?: string } }>().data?.jobId === jobId) return seq;
  }
  return undefined;
}

/**
 * True once the JOBS message `seq` was acknowledged: the work-queue stream deletes acked
 * messages. (Unlike "the consumer has nothing pending", this ignores other suites' messages on
 * the shared consumer.)
 */
export async function jobMessageAcked(jsm: JetStreamManager, seq: number): Promise<boolean> {
  return (await jsm.streams.getMessage(JOBS_STREAM, { seq })) === null;
}

/** CloudEvents stored in `stream` on `subject` after `afterSeq`, oldest first (other suites' included). */
export async function storedEvents<T = unknown>(jsm: JetStreamManager, stream: string, subject: string, afterSeq: number): Promise<T[]> {
  const lastSeq = (await jsm.streams.info(stream)).state.last_seq;
  const events: T[] = [];
  for (let seq = afterSeq + 1; seq <= lastSeq; seq++) {
    const msg = await jsm.streams.getMessage(stream, { seq });
    if (msg?.subject === subject) events.push(msg.json<T>());
  }
  return events;
}

/**
 * Puts the shared JOBS consumer back to the default settings of `loadContentConfig({})`, after a
 * suite ran a worker with small `GENERATION_MAX_DELIVER` (other workers expect the defaults).
 */
export async function restoreJobsConsumerDefaults(nc: NatsConnection): Promise<void> {
  const defaults = loadContentConfig({});
  await ensureDurableConsumer(nc, {
    stream: JOBS_STREAM,
    durable: JOBS_DURABLE,
    filterSubject: subjects.generateJob,
    ackWaitMs: defaults.GENERATION_ACK_WAIT_MS,
    maxDeliver: defaults.GENERATION_MAX_DELIVER,
  });
}

/** Collects the JSON payloads published on a core NATS subject (JetStream publishes included). */
export async function collectMessages<T = unknown>(nc: NatsConnection, subject: string): Promise<{ messages: T[]; stop(): void }> {
  const messages: T[] = [];
  const subscription = nc.subscribe(subject, {
    callback: (err, msg) => {
      if (!err) messages.push(msg.json<T>());
    },
  });
  await nc.flush();
  return { messages, stop: () => subscription.unsubscribe() };
}

/** GraphQL selection of a job used by the suites. */
export const JOB_FIELDS = 'id status stage attempts error completedAt post { id }';

/** A job as selected with {@link JOB_FIELDS}. */
export interface JobView {
  id: string;
  status: string;
  stage: string;
  attempts: number;
  error: string | null;
  completedAt: string | null;
  post: { id: string } | null;
}

/** GraphQL selection of a post's publication and engagement used by the publishing suites. */
export const PUBLICATION_FIELDS =
  'id status publisher externalId url publishedAt publishError engagementRate engagement { impressions likes replies reposts follows engagementRate }';

/** A post as selected with {@link PUBLICATION_FIELDS}. */
export interface PublicationView {
  id: string;
  status: string;
  publisher: string | null;
  externalId: string | null;
  url: string | null;
  publishedAt: string | null;
  publishError: string | null;
  engagementRate: number | null;
  engagement: { impressions: number; likes: number; replies: number; reposts: number; follows: number; engagementRate: number | null } | null;
}
