import { randomUUID } from 'node:crypto';

import { createOfflineProvider } from '../../../subgraphs/content/src/providers/offline-provider';
import type { CompletionRequest, TextProvider } from '../../../subgraphs/content/src/providers/text-provider';
import { startContentWorker } from '../../../subgraphs/content/src/worker';
import type { ContentWorker } from '../../../subgraphs/content/src/worker';
import { eventually } from '../../support/eventually';
import { JOB_FIELDS, collectMessages, countRows, findJobMessage, insertPersona, jobMessageAcked, jobsLastSeq, startContentHarness } from './harness';
import { errorCode } from '../../support/graphql';
import type { ContentHarness, JobView } from './harness';
import { TEST_NATS } from '../../support/nats';

const { subjects } = TEST_NATS;

/** Offline provider whose calls for a blocked topic wait until the topic is released. */
function gatedProvider() {
  const offline = createOfflineProvider(0);
  const gates = new Map<string, { promise: Promise<void>; release: () => void }>();
  const calls: string[] = [];
  const provider: TextProvider = {
    name: 'gated',
    async complete(request: CompletionRequest) {
      calls.push(`${request.brief.topic}:${request.part}`);
      await gates.get(request.brief.topic)?.promise;
      return offline.complete(request);
    },
  };
  return {
    provider,
    calls,
    block(topic: string) {
      let release!: () => void;
      const promise = new Promise<void>((resolve) => {
        release = resolve;
      });
      gates.set(topic, { promise, release });
    },
    release(topic: string) {
      gates.get(topic)?.release();
    },
    releaseAll() {
      for (const gate of gates.values()) gate.release();
    },
  };
}

describe('cancelGenerationJob', () => {
  let h: ContentHarness;
  let worker: ContentWorker;
  let personaId: string;
  const gated = gatedProvider();

  // One job at a time: while a blocked job holds the only slot, the next one stays QUEUED.
  beforeAll(async () => {
    h = await startContentHarness({ GENERATION_CONCURRENCY: '1' });
    worker = await startContentWorker(h.config, { provider: gated.provider });
    personaId = await insertPersona(h.db, 'ai-jesus');
  });

  afterAll(async () => {
    gated.releaseAll();
    await worker?.stop();
    await h?.stop();
  });

  const cancel = `mutation($id: ID!) { cancelGenerationJob(id: $id) { ${JOB_FIELDS} } }`;
  const jobQuery = `query($id: ID!) { generationJob(id: $id) { ${JOB_FIELDS} } }`;

  async function generate(topic: string): Promise<{ id: string; seq: number }> {
    const before = await jobsLastSeq(h.jsm);
    const { generatePost } = await h.data<{ generatePost: { id: string } }>(
      'mutation($input: GeneratePostInput!) { generatePost(input: $input) { id } }',
      { input: { personaId, topic } },
    );
    const seq = await eventually(() => findJobMessage(h.jsm, generatePost.id, before));
    return { id: generatePost.id, seq };
  }

  async function job(id: string): Promise<JobView> {
    return (await h.data<{ generationJob: JobView }>(jobQuery, { id })).generationJob;
  }

  async function waitForStatus(id: string, status: string): Promise<JobView> {
    return eventually(async () => {
      const current = await job(id);
      return current.status === status ? current : undefined;
    });
  }

  it('cancels a QUEUED job, and the worker later makes no post for it', async () => {
    const holder = `Holder ${randomUUID()}`;
    gated.block(holder);
    const busy = await generate(holder);
    await eventually(async () => (gated.calls.includes(`${holder}:hook`) ? true : undefined));

    const queued = await generate(`Queued ${randomUUID()}`);
    expect((await job(queued.id)).status).toBe('QUEUED');
    const statusEvents = await collectMessages<{ data: { jobId: string; status: string } }>(h.nc, subjects.jobStatus(queued.id));
    const { cancelGenerationJob: cancelled } = await h.data<{ cancelGenerationJob: JobView }>(cancel, { id: queued.id });
    expect(cancelled).toMatchObject({ id: queued.id, status: 'CANCELLED', stage: 'QUEUED', attempts: 0, error: null, post: null });
    expect(cancelled.completedAt).not.toBeNull();
    await eventually(async () => (statusEvents.messages.some((m) => m.data.status === 'CANCELLED') ? true : undefined));
    statusEvents.stop();

    // The worker then takes the message, sees CANCELLED and acknowledges it without writing.
    gated.release(holder);
    await waitForStatus(busy.id, 'COMPLETED');
    await eventually(async () => ((await jobMessageAcked(h.jsm, queued.seq)) ? true : undefined));
    expect(gated.calls.filter((call) => call.startsWith('Queued'))).toEqual([]);
    expect(await countRows(h.db, 'posts', { job_id: queued.id })).toBe(0);
    expect(await job(queued.id)).toEqual(cancelled);
  });

  it('returns the cancelled job unchanged when it is cancelled again', async () => {
    const holder = `Holder ${randomUUID()}`;
    gated.block(holder);
    await generate(holder);
    await eventually(async () => (gated.calls.includes(`${holder}:hook`) ? true : undefined));
    const queued = await generate(`Queued twice ${randomUUID()}`);

    const first = await h.data<{ cancelGenerationJob: JobView }>(cancel, { id: queued.id });
    const second = await h.data<{ cancelGenerationJob: JobView }>(cancel, { id: queued.id });
    expect(second.cancelGenerationJob).toEqual(first.cancelGenerationJob);
    expect(second.cancelGenerationJob.status).toBe('CANCELLED');
    gated.release(holder);
    await eventually(async () => ((await jobMessageAcked(h.jsm, queued.seq)) ? true : undefined));
    expect(await countRows(h.db, 'posts', { job_id: queued.id })).toBe(0);
  });

  it('cancels a PROCESSING job: the worker stops after the current step and makes no post', async () => {
    const topic = `Processing ${randomUUID()}`;
    gated.block(topic);
    const processing = await generate(topic);
    await eventually(async () => (gated.calls.includes(`${topic}:hook`) ? true : undefined));
    expect(await job(processing.id)).toMatchObject({ status: 'PROCESSING', stage: 'WRITING_HOOK', attempts: 1 });

    const { cancelGenerationJob } = await h.data<{ cancelGenerationJob: JobView }>(cancel, { id: processing.id });
    expect(cancelGenerationJob.status).toBe('CANCELLED');
    gated.release(topic);
    await eventually(async () => ((await jobMessageAcked(h.jsm, processing.seq)) ? true : undefined));

    expect(gated.calls.filter((call) => call.startsWith(topic))).toEqual([`${topic}:hook`]);
    expect(await countRows(h.db, 'posts', { job_id: processing.id })).toBe(0);
    expect(await job(processing.id)).toMatchObject({ status: 'CANCELLED', stage: 'WRITING_HOOK', post: null });
  });

  it('refuses to cancel a COMPLETED job with CONFLICT and leaves it and its post alone', async () => {
    const done = await generate(`Done ${randomUUID()}`);
    const completed = await waitForStatus(done.id, 'COMPLETED');
    const response = await h.gql(cancel, { id: done.id });
    expect(errorCode(response)).toBe('CONFLICT');
    expect(await job(done.id)).toEqual(completed);
    expect(await countRows(h.db, 'posts', { job_id: done.id })).toBe(1);
  });

  it('refuses to cancel a FAILED job with CONFLICT', async () => {
    const failed = await h.db
      .withSchema('content')
      .insertInto('generation_jobs')
      .values({ persona_id: personaId, topic: 'Failed', idempotency_key: null, experiment_id: null, status: 'FAILED', error: 'boom', published_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(errorCode(await h.gql(cancel, { id: failed.id }))).toBe('CONFLICT');
    expect((await job(failed.id)).status).toBe('FAILED');
  });

  it('answers NOT_FOUND for an unknown job and BAD_USER_INPUT for a malformed id', async () => {
    expect(errorCode(await h.gql(cancel, { id: randomUUID() }))).toBe('NOT_FOUND');
    expect(errorCode(await h.gql(cancel, { id: 'job-1' }))).toBe('BAD_USER_INPUT');
  });
});
