import { randomUUID } from 'node:crypto';
import { loadContentConfig } from '../../../subgraphs/content/src/config';
import type { ContentConfig } from '../../../subgraphs/content/src/config';
import { startContentSubgraph } from '../../../subgraphs/content/src/server';
import { startContentWorker } from '../../../subgraphs/content/src/worker';
import type { ContentWorker } from '../../../subgraphs/content/src/worker';
import type { RunningService } from '../../../lib/server';
import { createTestDatabase } from '../../support/database';
import type { TestDatabase } from '../../support/database';
import { eventually } from '../../support/eventually';
import { TEST_AUTH_ENV, asGateway } from '../../support/auth';
import { testNatsEnv } from '../../support/nats';
import { postGraphQL as post, queryData as query } from '../../support/graphql';

describe('content generation jobs', () => {
  let testDb: TestDatabase;
  let config: ContentConfig;
  let subgraph: RunningService;
  let worker: ContentWorker;
  let personaId: string;
  let credential: Record<string, string>;
  const postGraphQL = <T>(url: string, q: string, variables: Record<string, unknown> = {}) => post<T>(url, q, variables, credential);
  const queryData = <T>(url: string, q: string, variables: Record<string, unknown> = {}) => query<T>(url, q, variables, credential);

  beforeAll(async () => {
    credential = await asGateway('content');
    testDb = await createTestDatabase();
    config = loadContentConfig({
      DATABASE_URL: testDb.url,
      CONTENT_PORT: '0',
      CONTENT_ADMIN_PORT: '0',
      CONTENT_WORKER_ADMIN_PORT: '0',
      OFFLINE_TOKEN_DELAY_MS: '0',
      VARIANT_TIMEOUT_MS: '200',
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      SUBGRAPH_JWT_SECRET: TEST_AUTH_ENV.SUBGRAPH_JWT_SECRET,
      ...testNatsEnv(),
    });
    subgraph = await startContentSubgraph(config);
    worker = await startContentWorker(config);
    const data = await queryData<{ createPersona: { id: string } }>(
      subgraph.url,
      'mutation { createPersona(input: { name: "ai-jesus", emoji: "🙏", tone: "kind" }) { id } }',
    );
    personaId = data.createPersona.id;
  });

  afterAll(async () => {
    await worker?.stop();
    await subgraph?.stop();
    await testDb?.drop();
  });

  const generate = `mutation($input: GeneratePostInput!) { generatePost(input: $input) { id status } }`;
  const jobQuery = `query($id: ID!) { generationJob(id: $id) { id status stage attempts error post { id hook body tokensUsed costUsd persona { name } } } }`;

  it('queues a job, then the worker completes it with one post', async () => {
    const { generatePost } = await queryData<{ generatePost: { id: string; status: string } }>(subgraph.url, generate, {
      input: { personaId, topic: 'Finding peace in a busy week' },
    });
    expect(generatePost.status).toBe('QUEUED');
    const job = await eventually(async () => {
      const data = await queryData<{ generationJob: { status: string; post: { hook: string; body: string; tokensUsed: number; persona: { name: string } } | null } }>(
        subgraph.url,
        jobQuery,
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
    const first = await queryData<{ generatePost: { id: string } }>(subgraph.url, generate, { input });
    const second = await queryData<{ generatePost: { id: string } }>(subgraph.url, generate, { input });
    expect(second.generatePost.id).toBe(first.generatePost.id);
    const conflict = await postGraphQL(subgraph.url, generate, { input: { ...input, topic: 'Something else' } });
    expect(conflict.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('rejects an unknown persona with NOT_FOUND and bad topics with BAD_USER_INPUT', async () => {
    const unknown = await postGraphQL(subgraph.url, generate, { input: { personaId: randomUUID(), topic: 'x' } });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    for (const topic of ['', '   ', 'a'.repeat(2001), 'bad\u0000text']) {
      const bad = await postGraphQL(subgraph.url, generate, { input: { personaId, topic } });
      expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    const malformed = await postGraphQL(subgraph.url, generate, { input: { personaId: 'not-a-uuid', topic: 'x' } });
    expect(malformed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const nonText = await postGraphQL(subgraph.url, generate, { input: { personaId, topic: 42 } });
    expect(nonText.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
