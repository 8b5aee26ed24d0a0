import { randomUUID } from 'node:crypto';
import { DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { connectNats } from '../../../lib/nats';
import { countRows } from '../../support/database';
import { TEST_NATS, natsUrl } from '../../support/nats';
import { CREATE_EXPERIMENT, experimentInput, startExperimentsContext } from './helpers';
import type { ExperimentsTestContext } from './helpers';

const { subjects } = TEST_NATS;
const EVENTS_STREAM = TEST_NATS.streams.events;

interface ExperimentView {
  id: string;
  status: string;
  personaId: string;
  startedAt: string | null;
  endedAt: string | null;
  variants: Array<{ id: string; name: string; isControl: boolean; dimensions: Record<string, unknown>; impressions: number; probabilityBest: number }>;
  winner: { id: string } | null;
}

/** Data of a transition mutation (only the requested field is present). */
type Transitioned = { startExperiment: ExperimentView; pauseExperiment: ExperimentView; completeExperiment: ExperimentView };

const TRANSITION = (field: string, extraArgs = '') => /* GraphQL */ `
  mutation($id: ID!${extraArgs ? ', $winnerVariantId: ID' : ''}) {
    ${field}(id: $id${extraArgs}) { id status startedAt endedAt winner { id name } }
  }
`;

describe('experiments subgraph API', () => {
  let ctx: ExperimentsTestContext;
  let nc: NatsConnection;

  beforeAll(async () => {
    ctx = await startExperimentsContext();
    nc = await connectNats(natsUrl(), 'experiments-api-test');
  });

  afterAll(async () => {
    await nc?.drain();
    await ctx?.stop();
  });

  async function create(personaId = randomUUID(), name?: string): Promise<ExperimentView> {
    const res = await ctx.gql<{ createExperiment: ExperimentView }>(CREATE_EXPERIMENT, { input: experimentInput(personaId, name) });
    expect(res.errors).toBeUndefined();
    return res.data!.createExperiment;
  }

  async function transition(field: 'startExperiment' | 'pauseExperiment' | 'completeExperiment', id: string, winnerVariantId?: string | null) {
    const query = field === 'completeExperiment' ? TRANSITION(field, ', winnerVariantId: $winnerVariantId') : TRANSITION(field);
    return ctx.gql<Transitioned>(query, { id, ...(winnerVariantId !== undefined ? { winnerVariantId } : {}) });
  }

  it('creates a DRAFT experiment with its variants, control first, and zero counts', async () => {
    const personaId = randomUUID();
    const experiment = await create(personaId);
    expect(experiment).toMatchObject({ status: 'DRAFT', personaId, startedAt: null, endedAt: null, winner: null });
    expect(experiment.variants.map((v) => v.name)).toEqual(['control', 'number-bold', 'question-playful']);
    expect(experiment.variants[0]).toMatchObject({ isControl: true, impressions: 0, dimensions: { hookStyle: 'statement', tone: 'neutral', length: 'medium' } });
    const sum = experiment.variants.reduce((total, v) => total + v.probabilityBest, 0);
    expect(sum).toBeCloseTo(1, 10);
  });

  it('moves an experiment DRAFT -> ACTIVE -> PAUSED -> ACTIVE -> COMPLETED with a winner, publishing each change', async () => {
    const experiment = await create();
    const updates: Array<{ experimentId: string; status: string }> = [];
    const sub = nc.subscribe(subjects.experimentUpdated, {
      callback: (_err, msg) => {
        const event = msg.json<{ data: { experimentId: string; status: string } }>();
        if (event.data.experimentId === experiment.id) updates.push(event.data);
      },
    });
    await nc.flush();

    const started = await transition('startExperiment', experiment.id);
    expect(started.errors).toBeUndefined();
    expect(started.data?.startExperiment.status).toBe('ACTIVE');
    const startedAt = started.data?.startExperiment.startedAt;
    expect(startedAt).toEqual(expect.any(String));

    expect((await transition('pauseExperiment', experiment.id)).data?.pauseExperiment.status).toBe('PAUSED');
    const restarted = await transition('startExperiment', experiment.id);
    expect(restarted.data?.startExperiment).toMatchObject({ status: 'ACTIVE', startedAt });

    const winner = experiment.variants[1]!;
    const completed = await transition('completeExperiment', experiment.id, winner.id);
    expect(completed.errors).toBeUndefined();
    expect(completed.data?.completeExperiment).toMatchObject({ status: 'COMPLETED', winner: { id: winner.id, name: winner.name } });
    expect(completed.data?.completeExperiment.endedAt).toEqual(expect.any(String));

    await nc.flush();
    for (let i = 0; i < 100 && updates.length < 4; i += 1) await new Promise((r) => setTimeout(r, 20));
    sub.unsubscribe();
    expect(updates.map((u) => u.status)).toEqual(['ACTIVE', 'PAUSED', 'ACTIVE', 'COMPLETED']);
  });

  it('stores status events in the EVENTS stream with the experiment id as CloudEvent subject', async () => {
    const experiment = await create();
    const jsm = await jetstreamManager(nc);
    const lastSeq = (await jsm.streams.info(EVENTS_STREAM)).state.last_seq;
    await transition('startExperiment', experiment.id);
    const consumer = await jetstream(nc).consumers.get(EVENTS_STREAM, {
      filter_subjects: subjects.experimentUpdated,
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: lastSeq + 1,
    });
    let stored: { subject?: string; type?: string; data?: { status: string } } | undefined;
    for await (const msg of await consumer.fetch({ max_messages: 100, expires: 2000 })) {
      const event = msg.json<{ subject?: string; type?: string; data?: { status: string } }>();
      if (event.subject === experiment.id) {
        stored = event;
        break;
      }
    }
    expect(stored).toMatchObject({ subject: experiment.id, type: 'com.threads-agent.experiments.experiment.updated', data: { status: 'ACTIVE' } });
  });

  it('refuses transitions that are not allowed with CONFLICT', async () => {
    const experiment = await create();
    expect((await transition('pauseExperiment', experiment.id)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await transition('completeExperiment', experiment.id)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    await transition('startExperiment', experiment.id);
    expect((await transition('startExperiment', experiment.id)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    await transition('completeExperiment', experiment.id);
    for (const field of ['startExperiment', 'pauseExperiment', 'completeExperiment'] as const) {
      expect((await transition(field, experiment.id)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    }
  });

  it('allows only one ACTIVE experiment per persona', async () => {
    const personaId = randomUUID();
    const first = await create(personaId, 'first');
    const second = await create(personaId, 'second');
    const other = await create(randomUUID(), 'other persona');
    expect((await transition('startExperiment', first.id)).data?.startExperiment.status).toBe('ACTIVE');
    const refused = await transition('startExperiment', second.id);
    expect(refused.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(refused.data).toBeNull();
    expect((await transition('startExperiment', other.id)).data?.startExperiment.status).toBe('ACTIVE');

    await transition('pauseExperiment', first.id);
    expect((await transition('startExperiment', second.id)).data?.startExperiment.status).toBe('ACTIVE');
    expect((await transition('startExperiment', first.id)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('lets exactly one of two concurrent starts for the same persona win', async () => {
    const personaId = randomUUID();
    const [a, b] = [await create(personaId, 'a'), await create(personaId, 'b')];
    const results = await Promise.all([transition('startExperiment', a.id), transition('startExperiment', b.id)]);
    const codes = results.map((r) => r.errors?.[0]?.extensions?.code ?? r.data?.startExperiment.status).sort();
    expect(codes).toEqual(['ACTIVE', 'CONFLICT']);
  });

  it('answers NOT_FOUND for an unknown id and BAD_USER_INPUT for a malformed one in mutations', async () => {
    expect((await transition('startExperiment', randomUUID())).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await transition('pauseExperiment', 'not-a-uuid')).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses a winner that is not a variant of the experiment, and keeps it ACTIVE', async () => {
    const experiment = await create();
    const foreign = await create();
    await transition('startExperiment', experiment.id);
    const refused = await transition('completeExperiment', experiment.id, foreign.variants[0]!.id);
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await transition('completeExperiment', experiment.id, 'nope')).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const res = await ctx.gql<{ experiment: { status: string } }>('query($id: ID!) { experiment(id: $id) { status } }', { id: experiment.id });
    expect(res.data?.experiment.status).toBe('ACTIVE');
  });

  describe('bad input to createExperiment', () => {
    const personaId = randomUUID();
    const control = { name: 'control', isControl: true, dimensions: { tone: 'neutral' } };
    const challenger = { name: 'playful', isControl: false, dimensions: { tone: 'playful' } };
    const cases: Array<[string, Record<string, unknown>]> = [
      ['one variant', { name: 'x', personaId, variants: [control] }],
      ['no control', { name: 'x', personaId, variants: [{ ...control, isControl: false }, challenger] }],
      ['two controls', { name: 'x', personaId, variants: [control, { ...challenger, isControl: true }] }],
      ['duplicate names', { name: 'x', personaId, variants: [control, challenger, { ...challenger, name: 'Playful' }] }],
      ['dimensions not an object', { name: 'x', personaId, variants: [control, { ...challenger, dimensions: 'playful' }] }],
      ['dimensions an array', { name: 'x', personaId, variants: [control, { ...challenger, dimensions: ['playful'] }] }],
      ['empty name', { name: '   ', personaId, variants: [control, challenger] }],
      ['empty variant name', { name: 'x', personaId, variants: [control, { ...challenger, name: '' }] }],
      ['malformed persona id', { name: 'x', personaId: 'persona-1', variants: [control, challenger] }],
    ];

    it.each(cases)('answers BAD_USER_INPUT for %s and writes nothing', async (_label, input) => {
      const before = [await countRows(ctx.database.url, 'experiments.experiments'), await countRows(ctx.database.url, 'experiments.variants')];
      const res = await ctx.gql(CREATE_EXPERIMENT, { input });
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.data ?? null).toBeNull();
      expect([await countRows(ctx.database.url, 'experiments.experiments'), await countRows(ctx.database.url, 'experiments.variants')]).toEqual(before);
    });
  });

  it('lists experiments filtered by status and persona', async () => {
    const personaId = randomUUID();
    const draft = await create(personaId, 'draft one');
    const active = await create(personaId, 'active one');
    await transition('startExperiment', active.id);
    const query = 'query($status: ExperimentStatus, $personaId: ID) { experiments(status: $status, personaId: $personaId) { id status } }';
    const all = await ctx.gql<{ experiments: Array<{ id: string }> }>(query, { personaId });
    expect(all.data?.experiments.map((e) => e.id)).toEqual([active.id, draft.id]);
    const drafts = await ctx.gql<{ experiments: Array<{ id: string }> }>(query, { personaId, status: 'DRAFT' });
    expect(drafts.data?.experiments.map((e) => e.id)).toEqual([draft.id]);
    const bad = await ctx.gql(query, { personaId: 'nope' });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('returns null for an unknown experiment and BAD_USER_INPUT for a malformed id', async () => {
    const query = 'query($id: ID!) { experiment(id: $id) { id } }';
    const unknown = await ctx.gql<{ experiment: null }>(query, { id: randomUUID() });
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data?.experiment).toBeNull();
    expect((await ctx.gql(query, { id: '42' })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('resolves Experiment and Variant references through _entities, unknown ones to null', async () => {
    const experiment = await create();
    const variant = experiment.variants[0]!;
    const res = await ctx.gql<{ _entities: Array<Record<string, unknown> | null> }>(/* GraphQL */ `
        query($representations: [_Any!]!) {
          _entities(representations: $representations) {
            ... on Experiment { id name status variants { id } }
            ... on Variant { id name isControl successRate credibleInterval { lower upper level } experiment { id } }
          }
        }
      `,
      {
        representations: [
          { __typename: 'Experiment', id: experiment.id },
          { __typename: 'Variant', id: variant.id },
          { __typename: 'Experiment', id: randomUUID() },
          { __typename: 'Variant', id: 'not-a-uuid' },
        ],
      },
    );
    expect(res.errors).toBeUndefined();
    const [e, v, missing, malformed] = res.data!._entities;
    expect(e).toMatchObject({ id: experiment.id, status: 'DRAFT' });
    expect((e?.variants as unknown[]).length).toBe(3);
    expect(v).toMatchObject({ id: variant.id, isControl: true, successRate: 0, credibleInterval: { level: 0.95 }, experiment: { id: experiment.id } });
    const interval = v?.credibleInterval as { lower: number; upper: number };
    expect(interval.lower).toBeCloseTo(0.025, 6);
    expect(interval.upper).toBeCloseTo(0.975, 6);
    expect(missing).toBeNull();
    expect(malformed).toBeNull();
  });
});
