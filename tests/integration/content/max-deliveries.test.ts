
import { createOfflineProvider } from '../../../subgraphs/content/src/providers/offline-provider';
import type { TextProvider } from '../../../subgraphs/content/src/providers/text-provider';
import { startContentWorker } from '../../../subgraphs/content/src/worker';
import type { ContentWorker } from '../../../subgraphs/content/src/worker';
import { eventually } from '../../support/eventually';
import { JOB_FIELDS, collectMessages, countRows, insertPersona, restoreJobsConsumerDefaults, startContentHarness } from './harness';
import type { ContentHarness, JobView } from './harness';
import { TEST_NATS } from '../../support/nats';

const { subjects } = TEST_NATS;

const PROVIDER_ERROR = 'model endpoint is down (HTTP 503)';

describe('content worker after the last delivery', () => {
  let h: ContentHarness;
  let worker: ContentWorker | undefined;
  let personaId: string;
  const calls: string[] = [];
  const failing: TextProvider = {
    name: 'failing',
    async complete(request) {
      calls.push(request.part);
      throw new Error(PROVIDER_ERROR);
    },
  };

  beforeAll(async () => {
    h = await startContentHarness({ GENERATION_MAX_DELIVER: '2', GENERATION_RETRY_DELAYS_MS: '50' });
    worker = await startContentWorker(h.config, { provider: failing });
    personaId = await insertPersona(h.db, 'ai-jesus');
  });

  afterAll(async () => {
    await worker?.stop();
    if (h) await restoreJobsConsumerDefaults(h.nc);
    await h?.stop();
  });

  it('marks the job FAILED with the provider error after GENERATION_MAX_DELIVER attempts, with no post', async () => {
    const { generatePost } = await h.data<{ generatePost: { id: string; status: string } }>(
      'mutation($input: GeneratePostInput!) { generatePost(input: $input) { id status } }',
      { input: { personaId, topic: 'A provider that never answers' } },
    );
    expect(generatePost.status).toBe('QUEUED');
    const statusEvents = await collectMessages<{ data: { status: string } }>(h.nc, subjects.jobStatus(generatePost.id));

    const job = await eventually(async () => {
      const { generationJob } = await h.data<{ generationJob: JobView }>(`query($id: ID!) { generationJob(id: $id) { ${JOB_FIELDS} } }`, {
        id: generatePost.id,
      });
      return generationJob.status === 'FAILED' ? generationJob : undefined;
    });
    expect(job.error).toBe(PROVIDER_ERROR);
    expect(job.attempts).toBe(2);
    expect(job.post).toBeNull();
    expect(job.completedAt).not.toBeNull();
    expect(await countRows(h.db, 'posts')).toBe(0);
    expect(await countRows(h.db, 'post_embeddings')).toBe(0);

    // FAILED is written when the message is given up, after the second (last) delivery failed.
    expect(calls).toEqual(['hook', 'hook']);
    await eventually(async () => (statusEvents.messages.some((m) => m.data.status === 'FAILED') ? true : undefined));
    statusEvents.stop();
  });
});

describe('retryGenerationJob', () => {
  let h: ContentHarness;
  let worker: ContentWorker | undefined;
  let personaId: string;
  let failing = true;
  const offline = createOfflineProvider(0);
  const provider: TextProvider = {
    name: 'flaky',
    async complete(request) {
      if (failing) throw new Error(PROVIDER_ERROR);
      return offline.complete(request);
    },
  };
  const jobQuery = `query($id: ID!) { generationJob(id: $id) { ${JOB_FIELDS} } }`;
  const retry = (id: string) => h.gql<{ retryGenerationJob: JobView }>(`mutation($id: ID!) { retryGenerationJob(id: $id) { ${JOB_FIELDS} } }`, { id });

  beforeAll(async () => {
    h = await startContentHarness({ GENERATION_MAX_DELIVER: '2', GENERATION_RETRY_DELAYS_MS: '50' });
    worker = await startContentWorker(h.config, { provider });
    personaId = await insertPersona(h.db, 'ai-jesus');
  });

  afterAll(async () => {
    await worker?.stop();
    if (h) await restoreJobsConsumerDefaults(h.nc);
    await h?.stop();
  });

  it('brings a dead job back under the same id, with attempts numbered on, and its message in the dead letters meanwhile', async () => {
    const { generatePost } = await h.data<{ generatePost: { id: string } }>('mutation($input: GeneratePostInput!) { generatePost(input: $input) { id } }', {
      input: { personaId, topic: 'Retried after an outage' },
    });
    const failed = await eventually(async () => {
      const { generationJob } = await h.data<{ generationJob: JobView }>(jobQuery, { id: generatePost.id });
      return generationJob.status === 'FAILED' ? generationJob : undefined;
    });
    expect(failed.attempts).toBe(2);
    const letter = await h.jsm.streams.getMessage(TEST_NATS.streams.dlq, { last_by_subj: subjects.deadLetter(h.config.CONTENT_CONSUMER_DURABLE) });
    expect(letter?.json<{ data: { jobId: string } }>().data.jobId).toBe(generatePost.id);
    expect(letter?.header.get('Dlq-Error')).toBe(`Error: ${PROVIDER_ERROR}`);

    failing = false;
    const retried = await retry(generatePost.id);
    expect(retried.errors).toBeUndefined();
    expect(retried.data?.retryGenerationJob).toMatchObject({ id: generatePost.id, status: 'QUEUED', error: null, completedAt: null });
    const completed = await eventually(async () => {
      const { generationJob } = await h.data<{ generationJob: JobView }>(jobQuery, { id: generatePost.id });
      return generationJob.status === 'COMPLETED' ? generationJob : undefined;
    });
    expect(completed.attempts).toBe(3);
    expect(completed.post).not.toBeNull();
    expect(await countRows(h.db, 'posts', { job_id: generatePost.id })).toBe(1);

    // Only a FAILED job is retried.
    expect((await retry(generatePost.id)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await retry('00000000-0000-4000-8000-000000000000')).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
