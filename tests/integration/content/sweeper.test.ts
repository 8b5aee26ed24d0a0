import { startContentWorker } from '../../../subgraphs/content/src/worker';
import type { ContentWorker } from '../../../subgraphs/content/src/worker';
import { eventually } from '../../support/eventually';
import { JOB_FIELDS, countRows, findJobMessage, insertPersona, jobsLastSeq, startContentHarness } from './harness';
import type { ContentHarness, JobView } from './harness';

const MINUTE = 60_000;

describe('content worker sweeper', () => {
  let h: ContentHarness;
  let worker: ContentWorker;
  let personaId: string;

  beforeAll(async () => {
    // Sweeps only when the test calls sweep(); jobs younger than a minute are left alone.
    h = await startContentHarness({ SWEEP_INTERVAL_MS: String(60 * MINUTE), SWEEP_MIN_AGE_MS: String(MINUTE) });
    worker = await startContentWorker(h.config);
    personaId = await insertPersona(h.db, 'ai-jesus');
  });

  afterAll(async () => {
    await worker?.stop();
    await h?.stop();
  });

  /** A job row as `generatePost` leaves it when NATS did not accept the message: QUEUED, never published. */
  async function insertJob(topic: string, fields: { ageMs: number; status?: 'QUEUED' | 'CANCELLED'; published?: boolean }) {
    const createdAt = new Date(Date.now() - fields.ageMs);
    return h.db
      .withSchema('content')
      .insertInto('generation_jobs')
      .values({
        persona_id: personaId,
        topic,
        idempotency_key: null,
        experiment_id: null,
        status: fields.status ?? 'QUEUED',
        created_at: createdAt,
        published_at: fields.published ? createdAt : null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async function job(id: string): Promise<JobView> {
    return (await h.data<{ generationJob: JobView }>(`query($id: ID!) { generationJob(id: $id) { ${JOB_FIELDS} } }`, { id })).generationJob;
  }

  it('publishes a job NATS never got, and the worker completes it', async () => {
    const lost = await insertJob('Written while NATS was down', { ageMs: 5 * MINUTE });
    const young = await insertJob('Still being published by generatePost', { ageMs: 0 });
    const cancelled = await insertJob('Cancelled before NATS came back', { ageMs: 5 * MINUTE, status: 'CANCELLED' });
    const published = await insertJob('Already on the JOBS stream', { ageMs: 5 * MINUTE, published: true });
    const before = await jobsLastSeq(h.jsm);

    expect(await worker.sweep()).toBe(1);

    expect(await findJobMessage(h.jsm, lost.id, before)).toBeDefined();
    const completed = await eventually(async () => {
      const current = await job(lost.id);
      return current.status === 'COMPLETED' ? current : undefined;
    });
    expect(completed.post?.id).toBe(lost.post_id);
    expect(await countRows(h.db, 'posts', { job_id: lost.id })).toBe(1);

    const row = await h.db.withSchema('content').selectFrom('generation_jobs').selectAll().where('id', '=', lost.id).executeTakeFirstOrThrow();
    expect(row.published_at).not.toBeNull();
    for (const untouched of [young, cancelled, published]) {
      const current = await h.db.withSchema('content').selectFrom('generation_jobs').selectAll().where('id', '=', untouched.id).executeTakeFirstOrThrow();
      expect(current).toMatchObject({ status: untouched.status, published_at: untouched.published_at, attempts: 0 });
      expect(await findJobMessage(h.jsm, untouched.id, before)).toBeUndefined();
    }
  });

  it('does not publish a job twice', async () => {
    await insertJob('Swept once', { ageMs: 2 * MINUTE });
    expect(await worker.sweep()).toBe(1);
    expect(await worker.sweep()).toBe(0);
  });
});
