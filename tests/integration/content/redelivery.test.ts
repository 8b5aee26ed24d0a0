import { randomUUID } from 'node:crypto';
import { createLogger } from '../../../lib/logger';
import { eventTypes } from '../../../lib/events';
import { createCloudEvent } from '../../../lib/nats';
import { CONTENT_SOURCE } from '../../../subgraphs/content/src/messaging/job-queue';
import { createExactVectorIndex } from '../../../subgraphs/content/src/providers/exact-vector-index';
import { createHashingEmbedder } from '../../../subgraphs/content/src/providers/hashing-embedder';
import { createOfflineProvider } from '../../../subgraphs/content/src/providers/offline-provider';
import type { TextProvider } from '../../../subgraphs/content/src/providers/text-provider';
import { generatePostJob } from '../../../subgraphs/content/src/operations/generate-post-job';
import type { GenerationDeps } from '../../../subgraphs/content/src/operations/generate-post-job';
import { startContentWorker } from '../../../subgraphs/content/src/worker';
import type { ContentWorker } from '../../../subgraphs/content/src/worker';
import { eventually } from '../../support/eventually';
import { JOB_FIELDS, countRows, insertPersona, jobMessageAcked, startContentHarness } from './harness';
import type { ContentHarness, JobView } from './harness';
import { TEST_NATS } from '../../support/nats';
import { sql } from 'kysely';
import { Registry } from 'prom-client';
import { createContentWorkerMetrics } from '../../../subgraphs/content/src/metrics';

const { subjects } = TEST_NATS;

/** A provider that counts its calls and writes offline text. */
function countingProvider(): TextProvider & { calls: number } {
  const offline = createOfflineProvider(0);
  const provider = {
    name: 'counting',
    calls: 0,
    complete: (request: Parameters<TextProvider['complete']>[0]) => {
      provider.calls++;
      return offline.complete(request);
    },
  };
  return provider;
}

describe('content worker redelivery', () => {
  let h: ContentHarness;
  let worker: ContentWorker;
  let personaId: string;
  let deps: GenerationDeps & { provider: ReturnType<typeof countingProvider> };

  beforeAll(async () => {
    h = await startContentHarness();
    worker = await startContentWorker(h.config);
    personaId = await insertPersona(h.db, 'ai-jesus');
    deps = {
      db: h.db,
      nc: h.nc,
      js: h.js,
      outbox: h.outbox,
      subjects: TEST_NATS.subjects,
      provider: countingProvider(),
      embedder: createHashingEmbedder(),
      vectorIndex: createExactVectorIndex(),
      dedup: { threshold: 0.9, maxAttempts: 3 },
      moderator: null,
      qualityMin: 0.7,
      metrics: createContentWorkerMetrics(new Registry()),
      logger: createLogger('content-test', 'silent'),
      variantTimeoutMs: 200,
    };
  });

  afterAll(async () => {
    await worker?.stop();
    await h?.stop();
  });

  const jobQuery = `query($id: ID!) { generationJob(id: $id) { ${JOB_FIELDS} } }`;

  async function generateAndComplete(topic: string): Promise<JobView> {
    const { generatePost } = await h.data<{ generatePost: { id: string } }>(
      'mutation($input: GeneratePostInput!) { generatePost(input: $input) { id } }',
      { input: { personaId, topic } },
    );
    return eventually(async () => {
      const { generationJob } = await h.data<{ generationJob: JobView }>(jobQuery, { id: generatePost.id });
      return generationJob.status === 'COMPLETED' ? generationJob : undefined;
    });
  }

  /** Inserts a QUEUED job without publishing it, so only the test's direct calls handle it. */
  async function insertUnpublishedJob(topic: string) {
    return h.db
      .withSchema('content')
      .insertInto('generation_jobs')
      .values({ persona_id: personaId, topic, idempotency_key: null, experiment_id: null })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  it('makes no second post when JetStream delivers the same job again', async () => {
    const job = await generateAndComplete('Redelivered jobs');
    expect(job.attempts).toBe(1);
    expect(await countRows(h.db, 'posts', { job_id: job.id })).toBe(1);

    // A new CloudEvent id and no Nats-Msg-Id: JetStream's duplicate window does not drop it.
    const event = createCloudEvent({ id: randomUUID(), source: CONTENT_SOURCE, type: eventTypes.generateRequested, subject: job.id, data: { jobId: job.id } });
    const ack = await h.js.publish(subjects.generateJob, JSON.stringify(event));
    expect(ack.duplicate).toBe(false);
    // The worker acknowledged the redelivery (the work-queue stream deleted it).
    await eventually(async () => ((await jobMessageAcked(h.jsm, ack.seq)) ? true : undefined));

    expect(await countRows(h.db, 'posts', { job_id: job.id })).toBe(1);
    expect(await countRows(h.db, 'post_embeddings', { post_id: job.post!.id })).toBe(1);
    const { generationJob } = await h.data<{ generationJob: JobView }>(jobQuery, { id: job.id });
    expect(generationJob).toEqual({ ...job, post: { id: job.post!.id } });
  });

  it('drops a republish of the same job message inside the duplicate window', async () => {
    const job = await generateAndComplete('Deduplicated jobs');
    const event = createCloudEvent({ id: job.id, source: CONTENT_SOURCE, type: eventTypes.generateRequested, subject: job.id, data: { jobId: job.id } });
    const ack = await h.js.publish(subjects.generateJob, JSON.stringify(event), { msgID: job.id });
    expect(ack.duplicate).toBe(true);
    expect(await countRows(h.db, 'posts', { job_id: job.id })).toBe(1);
  });

  it('does nothing when the handler runs again for a completed job: its events were written once, with the changes (outbox)', async () => {
    const job = await generateAndComplete('Handled twice');
    const [before] = await h.db.withSchema('content').selectFrom('posts').selectAll().where('job_id', '=', job.id).execute();
    const callsBefore = deps.provider.calls;

    await generatePostJob(deps, job.id, 2);
    await generatePostJob(deps, job.id, 3);

    expect(deps.provider.calls).toBe(callsBefore);
    const after = await h.db.withSchema('content').selectFrom('posts').selectAll().where('job_id', '=', job.id).execute();
    expect(after).toEqual([before]);
    const row = await h.db.withSchema('content').selectFrom('generation_jobs').selectAll().where('id', '=', job.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('COMPLETED');
    expect(row.attempts).toBe(1);
    const { rows: events } = await sql<{ event_id: string }>`select event_id from content.outbox where event_id like ${`${job.id}:%`} order by id`.execute(h.db);
    expect(events.map((e) => e.event_id)).toEqual([`${job.id}:QUEUED:0`, `${job.id}:PROCESSING:1`, `${job.id}:COMPLETED:1`]);
  });

  it('makes one post when the handler runs for a queued job twice in a row', async () => {
    const job = await insertUnpublishedJob('Sequential deliveries');
    const callsBefore = deps.provider.calls;
    await generatePostJob(deps, job.id, 1);
    expect(deps.provider.calls).toBe(callsBefore + 2);
    await generatePostJob(deps, job.id, 2);
    expect(deps.provider.calls).toBe(callsBefore + 2);
    expect(await countRows(h.db, 'posts', { job_id: job.id })).toBe(1);
    const row = await h.db.withSchema('content').selectFrom('generation_jobs').selectAll().where('id', '=', job.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'COMPLETED', stage: 'DONE', attempts: 1 });
    const [post] = await h.db.withSchema('content').selectFrom('posts').selectAll().where('job_id', '=', job.id).execute();
    expect(post?.id).toBe(job.post_id);
  });

  it('makes one post when two deliveries of a queued job run at the same time', async () => {
    const job = await insertUnpublishedJob('Concurrent deliveries');
    await Promise.all([generatePostJob(deps, job.id, 1), generatePostJob(deps, job.id, 2)]);
    expect(await countRows(h.db, 'posts', { job_id: job.id })).toBe(1);
    expect(await countRows(h.db, 'post_embeddings', { post_id: job.post_id })).toBe(1);
    const row = await h.db.withSchema('content').selectFrom('generation_jobs').selectAll().where('id', '=', job.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('COMPLETED');
  });

  it('gives up at once on a job that does not exist', async () => {
    await expect(generatePostJob(deps, randomUUID(), 1)).rejects.toMatchObject({ name: 'PermanentError' });
  });
});
