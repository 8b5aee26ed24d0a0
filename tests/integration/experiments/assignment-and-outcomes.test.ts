import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { ServiceErrorCodeHeader } from '@nats-io/services';
import { assignVariantReply, eventTypes } from '../../../lib/events';
import type { AssignVariantReply, AssignVariantRequest, PostEngagementData } from '../../../lib/events';
import { connectNats, createCloudEvent, publishEvent } from '../../../lib/nats';
import { startExperimentsWorker } from '../../../subgraphs/experiments/src/worker';
import type { RunningExperimentsWorker } from '../../../subgraphs/experiments/src/worker';
import { countRows, queryRows } from '../../support/database';
import { eventually } from '../../support/eventually';
import { TEST_NATS, natsUrl } from '../../support/nats';
import { CREATE_EXPERIMENT, experimentInput, startExperimentsContext } from './helpers';
import type { ExperimentsTestContext } from './helpers';

const { subjects } = TEST_NATS;
const EVENTS_STREAM = TEST_NATS.streams.events;

interface VariantView {
  id: string;
  name: string;
  impressions: number;
  successes: number;
}

const ENTITIES_POST = /* GraphQL */ `
  query($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Post { id variant { id name impressions successes experiment { id } } }
    }
  }
`;

describe('experiments worker: assign-variant service and engagement outcomes', () => {
  let ctx: ExperimentsTestContext;
  let worker: RunningExperimentsWorker;
  let nc: NatsConnection;
  let js: JetStreamClient;
  const personaId = randomUUID();
  let experimentId: string;
  let variantIds: string[];
  let durable: string;
  /** The suite's own endpoint (`NATS_PREFIX`): a stack on the same NATS server never answers it. */
  const assignSubject = subjects.assignVariant;

  beforeAll(async () => {
    ctx = await startExperimentsContext();
    durable = ctx.config.EXPERIMENTS_CONSUMER_DURABLE;
    worker = await startExperimentsWorker(ctx.config, { seed: 2011 });
    nc = await connectNats(natsUrl(), 'experiments-worker-test');
    js = jetstream(nc);

    const created = await ctx.gql<{ createExperiment: { id: string; variants: Array<{ id: string }> } }>(CREATE_EXPERIMENT, {
      input: experimentInput(personaId),
    });
    experimentId = created.data!.createExperiment.id;
    variantIds = created.data!.createExperiment.variants.map((v) => v.id);
    const started = await ctx.gql('mutation($id: ID!) { startExperiment(id: $id) { status } }', { id: experimentId });
    expect(started.errors).toBeUndefined();
  });

  afterAll(async () => {
    await worker?.stop();
    if (nc) {
      const jsm = await jetstreamManager(nc);
      await jsm.consumers.delete(EVENTS_STREAM, durable).catch(() => undefined);
      await nc.drain();
    }
    await ctx?.stop();
  });

  async function assign(request: AssignVariantRequest): Promise<AssignVariantReply> {
    const msg = await nc.request(assignSubject, JSON.stringify(request), { timeout: 2000 });
    return assignVariantReply.parse(msg.json());
  }

  function request(overrides: Partial<AssignVariantRequest> = {}): AssignVariantRequest {
    return { jobId: randomUUID(), postId: randomUUID(), personaId, experimentId: null, ...overrides };
  }

  async function publishEngagement(data: PostEngagementData): Promise<void> {
    const event = createCloudEvent({ source: '/tests/experiments', type: eventTypes.postEngagement, subject: data.postId, data });
    await publishEvent(js, subjects.postEngagement, event);
  }

  async function variantCounts(variantId: string): Promise<VariantView> {
    const res = await ctx.gql<{ _entities: VariantView[] }>('query($r: [_Any!]!) { _entities(representations: $r) { ... on Variant { id name impressions successes } } }',
      { r: [{ __typename: 'Variant', id: variantId }] },
    );
    return res.data!._entities[0]!;
  }

  async function eventsOfPost(postId: string): Promise<number> {
    const [row] = await queryRows<{ count: string }>(ctx.database.url, 'select count(*) from experiments.experiment_events where post_id = $1', [postId]);
    return Number(row?.count ?? 0);
  }

  async function metricValue(name: string, label: string): Promise<number> {
    const text = await (await fetch(`http://127.0.0.1:${worker.adminPort}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(label));
    return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
  }

  it('assigns a variant of the persona\'s active experiment over a NATS request', async () => {
    const reply = await assign(request());
    expect(reply.variant).not.toBeNull();
    expect(reply.variant?.experimentId).toBe(experimentId);
    expect(variantIds).toContain(reply.variant?.id);
    expect(reply.variant?.dimensions).toHaveProperty('hookStyle');
  });

  it('returns the same variant for the same job id (a retried job keeps its variant)', async () => {
    const first = request();
    const replies = await Promise.all([assign(first), assign(first), assign(first)]);
    for (const reply of replies) expect(reply.variant?.id).toBe(replies[0]?.variant?.id);
    for (let i = 0; i < 5; i += 1) expect((await assign(first)).variant?.id).toBe(replies[0]?.variant?.id);
    const rows = await queryRows(ctx.database.url, 'select 1 from experiments.variant_assignments where job_id = $1', [first.jobId]);
    expect(rows).toHaveLength(1);
  });

  it('uses an explicitly requested experiment only when it is ACTIVE and the persona\'s', async () => {
    expect((await assign(request({ experimentId }))).variant?.experimentId).toBe(experimentId);
    expect((await assign(request({ experimentId: randomUUID() }))).variant).toBeNull();
    expect((await assign(request({ experimentId, personaId: randomUUID() }))).variant).toBeNull();
  });

  it('replies variant null for a persona without an active experiment, writing nothing', async () => {
    const before = await countRows(ctx.database.url, 'experiments.variant_assignments');
    expect(await assign(request({ personaId: randomUUID() }))).toEqual({ variant: null });
    expect(await countRows(ctx.database.url, 'experiments.variant_assignments')).toBe(before);
  });

  it('answers an invalid request with a 400 service error', async () => {
    const msg = await nc.request(assignSubject, JSON.stringify({ jobId: 'x', personaId }), { timeout: 2000 });
    expect(msg.headers?.get(ServiceErrorCodeHeader)).toBe('400');
    const notJson = await nc.request(assignSubject, 'not json', { timeout: 2000 });
    expect(notJson.headers?.get(ServiceErrorCodeHeader)).toBe('400');
  });

  it('answers 409 when the post id already belongs to another job', async () => {
    const first = request();
    await assign(first);
    const msg = await nc.request(assignSubject, JSON.stringify(request({ postId: first.postId })), { timeout: 2000 });
    expect(msg.headers?.get(ServiceErrorCodeHeader)).toBe('409');
  });

  it('spreads assignments of a cold-start experiment over every variant', async () => {
    const chosen = new Set<string>();
    for (let i = 0; i < 30; i += 1) chosen.add((await assign(request())).variant!.id);
    expect([...chosen].sort()).toEqual([...variantIds].sort());
  });

  it('resolves Post.variant through _entities after assignment, null for a post without one', async () => {
    const req = request();
    const reply = await assign(req);
    const res = await ctx.gql<{ _entities: Array<{ id: string; variant: { id: string; experiment: { id: string } } | null }> }>(ENTITIES_POST,
      { representations: [{ __typename: 'Post', id: req.postId }, { __typename: 'Post', id: randomUUID() }] },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities[0]).toMatchObject({ id: req.postId, variant: { id: reply.variant!.id, experiment: { id: experimentId } } });
    expect(res.data?._entities[1]?.variant).toBeNull();
  });

  it('resolves N Post references with one select on variant_assignments', async () => {
    const posts: string[] = [];
    for (let i = 0; i < 8; i += 1) {
      const req = request();
      await assign(req);
      posts.push(req.postId);
    }
    ctx.statements.length = 0;
    const res = await ctx.gql<{ _entities: Array<{ variant: { id: string } | null }> }>(ENTITIES_POST, {
      representations: [...posts, randomUUID()].map((id) => ({ __typename: 'Post', id })),
    });
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities.filter((p) => p.variant !== null)).toHaveLength(8);
    expect(ctx.statements.filter((sql) => /from "experiments"\."variant_assignments"/.test(sql))).toHaveLength(1);
  });

  it('adds engagement to the post\'s variant, and a replay of the same totals does not double count', async () => {
    const req = request();
    const variantId = (await assign(req)).variant!.id;
    const before = await variantCounts(variantId);
    const totals = { postId: req.postId, personaId, impressions: 500, likes: 30, replies: 6, reposts: 4, follows: 2 };

    await publishEngagement(totals);
    await eventually(async () => ((await variantCounts(variantId)).impressions === before.impressions + 500 ? true : undefined));
    expect(await variantCounts(variantId)).toMatchObject({ impressions: before.impressions + 500, successes: before.successes + 40 });

    await publishEngagement(totals);
    await publishEngagement({ ...totals, impressions: 300, likes: 10 });
    await publishEngagement({ ...totals, impressions: 800, likes: 50 });
    await eventually(async () => ((await eventsOfPost(req.postId)) === 4 ? true : undefined));
    expect(await variantCounts(variantId)).toMatchObject({ impressions: before.impressions + 800, successes: before.successes + 60 });
    const [assignment] = await queryRows<{ recorded_impressions: string; recorded_successes: string }>(
      ctx.database.url,
      'select recorded_impressions, recorded_successes from experiments.variant_assignments where post_id = $1',
      [req.postId],
    );
    expect(assignment).toEqual({ recorded_impressions: '800', recorded_successes: '60' });
  });

  it('ignores engagement of a post that has no assignment', async () => {
    const ignoredBefore = await metricValue('experiments_outcome_events_total', 'outcome="unassigned"');
    const postId = randomUUID();
    await publishEngagement({ postId, personaId, impressions: 100, likes: 10, replies: 0, reposts: 0, follows: 0 });
    await eventually(async () => ((await metricValue('experiments_outcome_events_total', 'outcome="unassigned"')) > ignoredBefore ? true : undefined));
    expect(await eventsOfPost(postId)).toBe(0);
  });

  it('reports the leader and totals in Experiment.results once there is engagement', async () => {
    const res = await ctx.gql<{
      experiment: { results: { totalImpressions: number; totalSuccesses: number; leader: { id: string } | null; leaderProbabilityBest: number } };
    }>('query($id: ID!) { experiment(id: $id) { results { totalImpressions totalSuccesses leader { id } leaderProbabilityBest } } }', {
      id: experimentId,
    });
    expect(res.errors).toBeUndefined();
    const results = res.data!.experiment.results;
    expect(results.totalImpressions).toBe(800);
    expect(results.totalSuccesses).toBe(60);
    expect(variantIds).toContain(results.leader?.id);
    expect(results.leaderProbabilityBest).toBeGreaterThan(0);
  });

  it('serves worker metrics on its admin port', async () => {
    const text = await (await fetch(`http://127.0.0.1:${worker.adminPort}/metrics`)).text();
    expect(text).toMatch(/experiments_assignments_total\{outcome="assigned"/);
    expect(text).toMatch(/experiments_outcomes_applied_total\{[^}]*\} [1-9]/);
  });
});
