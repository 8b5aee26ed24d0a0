import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection, Subscription } from '@nats-io/nats-core';
import { assignVariantReply, eventTypes } from '../../../lib/events';
import type { AssignVariantReply, PostEngagementData } from '../../../lib/events';
import { connectNats, createCloudEvent, publishEvent } from '../../../lib/nats';
import { allocationPoint, pickByAllocation } from '../../../subgraphs/experiments/src/domain/traffic-allocation';
import { startExperimentsWorker } from '../../../subgraphs/experiments/src/worker';
import type { RunningExperimentsWorker } from '../../../subgraphs/experiments/src/worker';
import { eventually } from '../../support/eventually';
import { TEST_NATS, natsUrl } from '../../support/nats';
import { startExperimentsContext } from './helpers';
import type { ExperimentsTestContext } from './helpers';

const { subjects } = TEST_NATS;

interface VariantView {
  id: string;
  name: string;
  status: string;
  trafficAllocation: number | null;
  pausedAt: string | null;
  pauseReason: string | null;
  impressions: number;
  successes: number;
}

interface Started {
  id: string;
  personaId: string;
  variants: VariantView[];
}

const VARIANT_FIELDS = 'id name status trafficAllocation pausedAt pauseReason impressions successes';

describe('experiments worker: early stop and fixed allocation', () => {
  let ctx: ExperimentsTestContext;
  let worker: RunningExperimentsWorker;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let updates: Subscription;
  /** CloudEvent ids of `experiment.updated` seen on core NATS (duplicates included). */
  const eventIds: string[] = [];

  beforeAll(async () => {
    ctx = await startExperimentsContext();
    worker = await startExperimentsWorker(ctx.config, { seed: 1933 });
    nc = await connectNats(natsUrl(), 'experiments-guards-test');
    js = jetstream(nc);
    updates = nc.subscribe(subjects.experimentUpdated, {
      callback: (_err, msg) => {
        eventIds.push(msg.json<{ id: string }>().id);
      },
    });
    await nc.flush();
  });

  afterAll(async () => {
    updates?.unsubscribe();
    await worker?.stop();
    if (nc) {
      const jsm = await jetstreamManager(nc);
      await jsm.consumers.delete(TEST_NATS.streams.events, ctx.config.EXPERIMENTS_CONSUMER_DURABLE).catch(() => undefined);
      await nc.drain();
    }
    await ctx?.stop();
  });

  async function createAndStart(input: Record<string, unknown>): Promise<Started> {
    const personaId = randomUUID();
    const created = await ctx.data<{ createExperiment: { id: string } }>(
      'mutation($input: CreateExperimentInput!) { createExperiment(input: $input) { id } }',
      { input: { name: 'guards', personaId, ...input } },
    );
    const id = created.createExperiment.id;
    const started = await ctx.data<{ startExperiment: { variants: VariantView[] } }>(
      `mutation($id: ID!) { startExperiment(id: $id) { variants { ${VARIANT_FIELDS} } } }`,
      { id },
    );
    return { id, personaId, variants: started.startExperiment.variants };
  }

  const named = (experiment: Started, name: string) => experiment.variants.find((v) => v.name === name)!;

  async function variant(id: string): Promise<VariantView> {
    const res = await ctx.data<{ _entities: VariantView[] }>(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Variant { ${VARIANT_FIELDS} } } }`, {
      r: [{ __typename: 'Variant', id }],
    });
    return res._entities[0]!;
  }

  async function record(variantId: string, impressions: number, successes: number): Promise<VariantView> {
    const res = await ctx.data<{ recordVariantPerformance: VariantView }>(
      `mutation($v: ID!, $i: Int!, $s: Int!) { recordVariantPerformance(variantId: $v, impressions: $i, successes: $s) { ${VARIANT_FIELDS} } }`,
      { v: variantId, i: impressions, s: successes },
    );
    return res.recordVariantPerformance;
  }

  async function assign(personaId: string, postId = randomUUID()): Promise<AssignVariantReply> {
    const msg = await nc.request(subjects.assignVariant, JSON.stringify({ jobId: randomUUID(), postId, personaId, experimentId: null }), { timeout: 2000 });
    return assignVariantReply.parse(msg.json());
  }

  async function publishEngagement(data: PostEngagementData): Promise<void> {
    await publishEvent(js, subjects.postEngagement, createCloudEvent({ source: '/tests/experiments', type: eventTypes.postEngagement, subject: data.postId, data }));
  }

  it('assigns FIXED_ALLOCATION posts by the stable hash of (experiment, post) into the split', async () => {
    const experiment = await createAndStart({
      algorithm: 'FIXED_ALLOCATION',
      variants: [
        { name: 'control', isControl: true, dimensions: {}, trafficAllocation: 0.2 },
        { name: 'treatment', isControl: false, dimensions: {}, trafficAllocation: 0.8 },
      ],
    });
    const weights = experiment.variants.map((v) => v.trafficAllocation ?? 0);
    expect(weights).toEqual([0.2, 0.8]);
    const chosen = new Set<string>();
    for (let i = 0; i < 40; i += 1) {
      const postId = randomUUID();
      const expected = experiment.variants[pickByAllocation(allocationPoint(experiment.id, postId), weights)]!;
      const reply = await assign(experiment.personaId, postId);
      expect(reply.variant?.id).toBe(expected.id);
      chosen.add(expected.name);
    }
    expect([...chosen].sort()).toEqual(['control', 'treatment']);
  });

  it('pauses a poor variant once its engagement falls under half the control\'s, announces it, and stops assigning it', async () => {
    const experiment = await createAndStart({
      earlyStop: true,
      variants: [
        { name: 'control', isControl: true, dimensions: {} },
        { name: 'poor', isControl: false, dimensions: {} },
        { name: 'fine', isControl: false, dimensions: {} },
      ],
    });
    const poor = named(experiment, 'poor');
    expect((await record(named(experiment, 'control').id, 100, 10)).status).toBe('ACTIVE');

    let postId: string | undefined;
    for (let i = 0; i < 200 && !postId; i += 1) {
      const candidate = randomUUID();
      if ((await assign(experiment.personaId, candidate)).variant?.id === poor.id) postId = candidate;
    }
    expect(postId).toBeDefined();
    const totals = { postId: postId!, personaId: experiment.personaId, impressions: 50, likes: 1, replies: 0, reposts: 0, follows: 0 };
    await publishEngagement(totals);

    const paused = await eventually(async () => {
      const current = await variant(poor.id);
      return current.status === 'PAUSED' ? current : undefined;
    });
    expect(paused).toMatchObject({ impressions: 50, successes: 1, pausedAt: expect.any(String) });
    expect(paused.pauseReason).toBe('early stop: success rate 2.0% after 50 impressions is under half the control\'s 10.0%');
    const pausedEvent = `${experiment.id}.variant-paused.${poor.id}`;
    await eventually(async () => (eventIds.includes(pausedEvent) ? true : undefined));
    expect((await variant(named(experiment, 'fine').id)).status).toBe('ACTIVE');

    for (let i = 0; i < 40; i += 1) expect((await assign(experiment.personaId)).variant?.id).not.toBe(poor.id);

    // More engagement of the paused variant's post still counts, and pauses nothing twice.
    await publishEngagement({ ...totals, impressions: 60 });
    const outcomeEvents = () => eventIds.filter((id) => id.startsWith(`${experiment.id}.outcome.`)).length;
    await eventually(async () => (outcomeEvents() === 2 ? true : undefined));
    expect((await variant(poor.id)).impressions).toBe(60);
    expect(eventIds.filter((id) => id === pausedEvent)).toHaveLength(1);
    expect((await variant(poor.id)).pausedAt).toBe(paused.pausedAt);
  });

  it('keeps assigning the control when every treatment is paused', async () => {
    const experiment = await createAndStart({
      earlyStop: true,
      variants: [
        { name: 'control', isControl: true, dimensions: {} },
        { name: 'treatment', isControl: false, dimensions: {} },
      ],
    });
    await record(named(experiment, 'control').id, 100, 10);
    const paused = await record(named(experiment, 'treatment').id, 20, 0);
    expect(paused).toMatchObject({ status: 'PAUSED', pauseReason: expect.stringMatching(/^early stop/) });
    await eventually(async () => (eventIds.includes(`${experiment.id}.variant-paused.${paused.id}`) ? true : undefined));
    for (let i = 0; i < 10; i += 1) expect((await assign(experiment.personaId)).variant?.id).toBe(named(experiment, 'control').id);
  });

  it('pauses nothing when the experiment was created without earlyStop', async () => {
    const experiment = await createAndStart({
      variants: [
        { name: 'control', isControl: true, dimensions: {} },
        { name: 'treatment', isControl: false, dimensions: {} },
      ],
    });
    await record(named(experiment, 'control').id, 100, 10);
    expect((await record(named(experiment, 'treatment').id, 20, 0)).status).toBe('ACTIVE');
  });
});
