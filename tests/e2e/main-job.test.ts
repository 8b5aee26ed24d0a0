import { randomUUID } from 'node:crypto';
import { createLogger } from '../../lib/logger';
import { seedIfEmpty } from '../../scripts/lib/seed';
import { eventually } from '../support/eventually';
import { goEmotionsTexts } from '../support/goemotions';
import { testToken } from '../support/auth';
import { postGraphQL as post, queryData as query } from '../support/graphql';
import { startTestStack } from '../support/stack';
import type { TestStack } from '../support/stack';
import { scrapeMetrics } from '../support/metrics';
import { collectSubscription, wsClient } from '../support/ws-client';

interface JobEvent {
  generationJobUpdated: {
    type: string;
    delta: string | null;
    job: {
      id: string;
      status: string;
      post: {
        hook: string;
        body: string;
        emotionTrajectory: { trajectoryType: string; segmentCount: number } | null;
        variant: { name: string } | null;
      } | null;
    };
  };
}

const WATCH = `subscription Watch($id: ID!) {
  generationJobUpdated(id: $id) {
    type
    delta
    job { id status post { hook body emotionTrajectory { trajectoryType segmentCount } variant { name } } }
  }
}`;

describe('the main job through the gateway', () => {
  let stack: TestStack;
  let personaId: string;
  let token: string;
  const postGraphQL = <T>(url: string, q: string, variables: Record<string, unknown> = {}) => post<T>(url, q, variables, { authorization: `Bearer ${token}` });
  const queryData = <T>(url: string, q: string, variables: Record<string, unknown> = {}) => query<T>(url, q, variables, { authorization: `Bearer ${token}` });

  beforeAll(async () => {
    token = await testToken();
    stack = await startTestStack();
    await seedIfEmpty(stack.gatewayUrl, createLogger('seed', 'silent'), token);
    const { personas } = await queryData<{ personas: Array<{ id: string; name: string }> }>(stack.gatewayUrl, '{ personas { id name } }');
    personaId = personas.find((p) => p.name === 'ai-jesus')!.id;
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it.each(goEmotionsTexts(3).map((topic) => [topic]))('writes a post about %j and streams its progress', async (topic) => {
    const { generatePost } = await queryData<{ generatePost: { id: string; status: string } }>(
      stack.gatewayUrl,
      'mutation($input: GeneratePostInput!) { generatePost(input: $input) { id status } }',
      { input: { personaId, topic, idempotencyKey: randomUUID() } },
    );
    expect(generatePost.status).toBe('QUEUED');

    const client = wsClient(stack.gatewayUrl, token);
    try {
      const results = await collectSubscription<JobEvent>(client, WATCH, { id: generatePost.id });
      expect(results.every((r) => !r.errors)).toBe(true);
      const events = results.map((r) => r.data!.generationJobUpdated);
      const types = events.map((e) => e.type);
      expect(types[0]).toBe('SNAPSHOT');
      expect(['QUEUED', 'PROCESSING']).toContain(events[0]!.job.status);

      const statuses = events.filter((e) => e.type !== 'TOKEN_DELTA').map((e) => e.job.status);
      expect(statuses).toContain('PROCESSING');
      expect(statuses).toContain('COMPLETED');
      expect(statuses.indexOf('PROCESSING')).toBeLessThan(statuses.indexOf('COMPLETED'));

      const deltas = events.filter((e) => e.type === 'TOKEN_DELTA');
      expect(deltas.length).toBeGreaterThan(5);
      const streamed = deltas.map((e) => e.delta).join('');

      const last = events[events.length - 1]!;
      expect(last.type).toBe('EMOTION_TRAJECTORY_STORED');
      const post = last.job.post!;
      expect(streamed).toContain(post.hook);
      expect(streamed).toContain(post.body);
      expect(['RISING', 'FALLING', 'STABLE', 'VOLATILE']).toContain(post.emotionTrajectory?.trajectoryType);
      expect(post.emotionTrajectory?.segmentCount).toBeGreaterThan(0);
      expect(['control', 'question', 'statistic']).toContain(post.variant?.name);
    } finally {
      await client.dispose();
    }
  });

  it('sends a finished job as one snapshot and completes', async () => {
    const { posts } = await queryData<{ posts: { edges: Array<{ node: { job: { id: string } } }> } }>(
      stack.gatewayUrl,
      '{ posts(first: 1) { edges { node { job { id } } } } }',
    );
    const client = wsClient(stack.gatewayUrl, token);
    try {
      const results = await collectSubscription<JobEvent>(client, WATCH, { id: posts.edges[0]!.node.job.id });
      expect(results).toHaveLength(1);
      expect(results[0]!.data!.generationJobUpdated.type).toBe('SNAPSHOT');
      expect(results[0]!.data!.generationJobUpdated.job.status).toBe('COMPLETED');
    } finally {
      await client.dispose();
    }
  });

  it('shows subgraph fetches, subscriptions and their events on the gateway /metrics', async () => {
    const value = await scrapeMetrics(stack.gatewayAdminPort);
    expect(value('gateway_subgraph_fetches_total', { subgraph: 'content', outcome: 'ok' })).toBeGreaterThan(0);
    expect(value('gateway_subgraph_fetch_duration_seconds_count', { subgraph: 'emotion' })).toBeGreaterThan(0);
    expect(value('gateway_subscription_events_total', { field: 'generationJobUpdated' })).toBeGreaterThan(15);
    expect(value('gateway_operations_total', { operation: 'anonymous', type: 'mutation', outcome: 'ok' })).toBeGreaterThanOrEqual(3);
    await eventually(async () => {
      const now = await scrapeMetrics(stack.gatewayAdminPort);
      return now('gateway_subscriptions_active', { field: 'generationJobUpdated' }) === 0 && now('gateway_websocket_connections') === 0 ? true : undefined;
    }, 10_000);
  });

  it('shows the jobs, their tokens and cost on the content worker\'s /metrics', async () => {
    const value = await scrapeMetrics(stack.adminPorts.contentWorker);
    const offline = { persona: 'ai-jesus', model: 'offline-generator' };
    expect(value('content_generation_jobs_total', { outcome: 'completed' })).toBeGreaterThanOrEqual(3);
    expect(value('content_generation_job_duration_seconds_count', { outcome: 'completed' })).toBeGreaterThanOrEqual(3);
    expect(value('content_generation_queued_seconds_count')).toBeGreaterThanOrEqual(3);
    expect(value('content_generation_tokens_total', offline)).toBeGreaterThan(100);
    // The offline writer costs nothing; the series exists, priced at 0 USD.
    expect(value('content_generation_cost_usd_total', offline)).toBe(0);
  });

  it('shows the business KPIs by persona and by variant, moved by engagement', async () => {
    const { posts } = await queryData<{ posts: { edges: Array<{ node: { id: string; variant: { name: string; experiment: { name: string } } | null } }> } }>(
      stack.gatewayUrl,
      'query Recent($personaId: ID!) { posts(first: 3, filter: { personaId: $personaId }) { edges { node { id variant { name experiment { name } } } } } }',
      { personaId },
    );
    const before = await scrapeMetrics(stack.adminPorts.content);
    expect(before('content_posts', { persona: 'ai-jesus' })).toBeGreaterThanOrEqual(3);
    expect(before('content_cost_per_post_usd', { persona: 'ai-jesus' })).toBe(0);
    const { node } = posts.edges.find((e) => e.node.variant)!;
    const variantLabels = { experiment: node.variant!.experiment.name, variant: node.variant!.name };
    const impressionsBefore = (await scrapeMetrics(stack.adminPorts.experiments))('experiments_variant_impressions', variantLabels);
    expect(impressionsBefore).toBeGreaterThanOrEqual(0);

    await queryData(stack.gatewayUrl, 'mutation Engage($postId: ID!) { recordEngagement(postId: $postId, input: { impressions: 1000, likes: 80, replies: 15, reposts: 5, follows: 4 }) { id } }', { postId: node.id });
    const after = await scrapeMetrics(stack.adminPorts.content);
    const gateway = await scrapeMetrics(stack.gatewayAdminPort);
    expect(gateway('gateway_operations_total', { operation: 'Recent', type: 'query', outcome: 'ok' })).toBe(1);
    expect(gateway('gateway_operations_total', { operation: 'Engage', type: 'mutation', outcome: 'ok' })).toBe(1);
    // The subscription bridge's own queries are not client operations.
    expect(gateway('gateway_operations_total', { operation: 'SubscriptionEntity' })).toBeNaN();
    expect(after('content_posts_engagement_ratio', { persona: 'ai-jesus' })).toBeGreaterThan(0);
    expect(after('content_cost_per_follow_usd', { persona: 'ai-jesus' })).toBe(0);
    await eventually(async () => {
      const experiments = await scrapeMetrics(stack.adminPorts.experiments);
      return experiments('experiments_variant_impressions', variantLabels) === impressionsBefore + 1000 &&
        experiments('experiments_variant_successes', variantLabels) >= 100
        ? true
        : undefined;
    });
  });

  it('answers an unknown job with NOT_FOUND and invalid GraphQL with a 400', async () => {
    const client = wsClient(stack.gatewayUrl, token);
    try {
      const results = await collectSubscription(client, WATCH, { id: randomUUID() });
      expect(results[0]!.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    } finally {
      await client.dispose();
    }
    const invalid = await postGraphQL(stack.gatewayUrl, '{ personas { nope } }');
    expect(invalid.status).toBe(400);
    expect(invalid.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
