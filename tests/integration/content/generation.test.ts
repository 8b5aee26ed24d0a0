import { randomUUID } from 'node:crypto';
import { startContentWorker } from '../../../subgraphs/content/src/worker';
import type { ContentWorker } from '../../../subgraphs/content/src/worker';
import { eventually } from '../../support/eventually';
import { startContentHarness } from './harness';
import type { ContentHarness } from './harness';

describe('content generation jobs', () => {
  let h: ContentHarness;
  let worker: ContentWorker;
  let personaId: string;

  beforeAll(async () => {
    h = await startContentHarness();
    worker = await startContentWorker(h.config);
    const data = await h.data<{ createPersona: { id: string } }>('mutation { createPersona(input: { name: "ai-jesus", emoji: "🙏", tone: "kind" }) { id } }');
    personaId = data.createPersona.id;
  });

  afterAll(async () => {
    await worker?.stop();
    await h?.stop();
  });

  const generate = `mutation($input: GeneratePostInput!) { generatePost(input: $input) { id status } }`;
  const jobQuery = `query($id: ID!) { generationJob(id: $id) { id status stage attempts error post { id hook body tokensUsed costUsd persona { name } } } }`;

  it('queues a job, then the worker completes it with one post', async () => {
    const { generatePost } = await h.data<{ generatePost: { id: string; status: string } }>(generate, {
      input: { personaId, topic: 'Finding peace in a busy week' },
    });
    expect(generatePost.status).toBe('QUEUED');
    const job = await eventually(async () => {
      const data = await h.data<{ generationJob: { status: string; post: { hook: string; body: string; tokensUsed: number; persona: { name: string } } | null } }>(jobQuery,
        { id: generatePost.id },
      );
      return data.generationJob.status === 'COMPLETED' ? data.generationJob : undefined;
    });
    expect(job.post?.hook).toContain('Finding peace in a busy week');
    expect(job.post?.body.length).toBeGreaterThan(20);
    expect(job.post?.tokensUsed).toBeGreaterThan(0);
    expect(job.post?.persona.name).toBe('ai-jesus');
  });

  it('counts the job, its time queued, tokens and cost on the worker /metrics', async () => {
    const text = await (await fetch(`http://127.0.0.1:${worker.adminPort}/metrics`)).text();
    /** Value of the series `name` whose labels include `labels` (NaN when there is none). */
    const value = (name: string, labels: Record<string, string> = {}) => {
      const line = text
        .split('\n')
        .find((l) => l.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
      return Number(line?.split(' ').pop() ?? NaN);
    };
    expect(value('content_generation_jobs_total', { outcome: 'completed' })).toBeGreaterThanOrEqual(1);
    expect(value('content_generation_queued_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(value('content_generation_job_duration_seconds_count', { outcome: 'completed' })).toBeGreaterThanOrEqual(1);
    expect(value('content_generation_tokens_total', { persona: 'ai-jesus', model: 'offline-generator' })).toBeGreaterThan(0);
    expect(value('content_generation_cost_usd_total', { persona: 'ai-jesus', model: 'offline-generator' })).toBe(0);
  });

  it('returns the same job for the same idempotency key', async () => {
    const key = randomUUID();
    const input = { personaId, topic: 'Gratitude', idempotencyKey: key };
    const first = await h.data<{ generatePost: { id: string } }>(generate, { input });
    const second = await h.data<{ generatePost: { id: string } }>(generate, { input });
    expect(second.generatePost.id).toBe(first.generatePost.id);
    const conflict = await h.gql(generate, { input: { ...input, topic: 'Something else' } });
    expect(conflict.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('rejects an unknown persona with NOT_FOUND and bad topics with BAD_USER_INPUT', async () => {
    const unknown = await h.gql(generate, { input: { personaId: randomUUID(), topic: 'x' } });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    for (const topic of ['', '   ', 'a'.repeat(2001), 'bad\u0000text']) {
      const bad = await h.gql(generate, { input: { personaId, topic } });
      expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    const malformed = await h.gql(generate, { input: { personaId: 'not-a-uuid', topic: 'x' } });
    expect(malformed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const nonText = await h.gql(generate, { input: { personaId, topic: 42 } });
    expect(nonText.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
