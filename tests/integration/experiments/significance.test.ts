import { randomUUID } from 'node:crypto';
import type { NatsConnection } from '@nats-io/nats-core';
import { connectNats } from '../../../lib/nats';
import { TEST_NATS, natsUrl } from '../../support/nats';
import { startExperimentsContext } from './helpers';
import type { ExperimentsTestContext } from './helpers';

interface VariantView {
  id: string;
  name: string;
  isControl: boolean;
  status: string;
  trafficAllocation: number | null;
  impressions: number;
  successes: number;
}

interface ExperimentView {
  id: string;
  status: string;
  algorithm: string;
  significanceLevel: number;
  minImpressions: number;
  earlyStop: boolean;
  variants: VariantView[];
}

interface Comparison {
  variant: { name: string };
  zScore: number | null;
  pValue: number | null;
  significant: boolean;
  improvementPercent: number | null;
}

const CREATE = /* GraphQL */ `
  mutation Create($input: CreateExperimentInput!) {
    createExperiment(input: $input) {
      id status algorithm significanceLevel minImpressions earlyStop
      variants { id name isControl status trafficAllocation impressions successes }
    }
  }
`;

const RECORD = /* GraphQL */ `
  mutation Record($variantId: ID!, $impressions: Int!, $successes: Int!) {
    recordVariantPerformance(variantId: $variantId, impressions: $impressions, successes: $successes) { id impressions successes status }
  }
`;

const RESULTS = /* GraphQL */ `
  query Results($id: ID!) {
    experiment(id: $id) {
      results { control { name } comparisons { variant { name } zScore pValue significant improvementPercent } }
    }
  }
`;

const COMPLETE = /* GraphQL */ `
  mutation Complete($id: ID!, $winnerVariantId: ID) {
    completeExperiment(id: $id, winnerVariantId: $winnerVariantId) { id status winner { id name } }
  }
`;

const control = { name: 'control', isControl: true, dimensions: { hookStyle: 'statement' } };
const treatment = { name: 'treatment', isControl: false, dimensions: { hookStyle: 'question' } };

describe('experiment significance, winners and bulk performance', () => {
  let ctx: ExperimentsTestContext;
  let nc: NatsConnection;

  beforeAll(async () => {
    ctx = await startExperimentsContext();
    nc = await connectNats(natsUrl(), 'experiments-significance-test');
  });

  afterAll(async () => {
    await nc?.drain();
    await ctx?.stop();
  });

  async function create(extra: Record<string, unknown> = {}, variants: unknown[] = [control, treatment]): Promise<ExperimentView> {
    return (await ctx.data<{ createExperiment: ExperimentView }>(CREATE, { input: { name: 'significance', personaId: randomUUID(), variants, ...extra } }))
      .createExperiment;
  }

  const variantNamed = (experiment: ExperimentView, name: string) => experiment.variants.find((v) => v.name === name)!;

  async function record(variantId: string, impressions: number, successes: number) {
    return ctx.gql<{ recordVariantPerformance: { id: string; impressions: number; successes: number; status: string } }>(RECORD, {
      variantId,
      impressions,
      successes,
    });
  }

  async function comparisons(id: string) {
    return (await ctx.data<{ experiment: { results: { control: { name: string } | null; comparisons: Comparison[] } } }>(RESULTS, { id })).experiment.results;
  }

  async function startAndComplete(id: string, winnerVariantId?: string) {
    await ctx.data('mutation($id: ID!) { startExperiment(id: $id) { id } }', { id });
    return ctx.gql<{ completeExperiment: { status: string; winner: { id: string; name: string } | null } }>(COMPLETE, {
      id,
      ...(winnerVariantId ? { winnerVariantId } : {}),
    });
  }

  it('creates experiments with the seed defaults: alpha 0.05, 10 impressions, no early stop, no fixed split', async () => {
    const experiment = await create();
    expect(experiment).toMatchObject({ algorithm: 'THOMPSON_SAMPLING', significanceLevel: 0.05, minImpressions: 10, earlyStop: false });
    for (const variant of experiment.variants) expect(variant).toMatchObject({ status: 'ACTIVE', trafficAllocation: null });
  });

  it('reports 120/1000 against a control of 80/1000 significant (p 0.0029, +50%) and completes with it as the winner', async () => {
    const experiment = await create();
    const [a, b] = [variantNamed(experiment, 'control'), variantNamed(experiment, 'treatment')];
    expect((await record(a.id, 1000, 80)).data?.recordVariantPerformance).toMatchObject({ impressions: 1000, successes: 80 });
    expect((await record(b.id, 600, 70)).errors).toBeUndefined();
    expect((await record(b.id, 400, 50)).data?.recordVariantPerformance).toMatchObject({ impressions: 1000, successes: 120 });

    const results = await comparisons(experiment.id);
    expect(results.control).toEqual({ name: 'control' });
    expect(results.comparisons).toHaveLength(1);
    const [comparison] = results.comparisons;
    expect(comparison).toMatchObject({ variant: { name: 'treatment' }, significant: true });
    expect(comparison?.zScore).toBeCloseTo(2.9814, 4);
    expect(comparison?.pValue).toBeCloseTo(0.0028691, 6);
    expect(comparison?.improvementPercent).toBeCloseTo(50, 8);

    const completed = await startAndComplete(experiment.id);
    expect(completed.errors).toBeUndefined();
    expect(completed.data?.completeExperiment).toMatchObject({ status: 'COMPLETED', winner: { id: b.id, name: 'treatment' } });
  });

  it('completes with the control when no treatment is significant, and with the given winner when there is one', async () => {
    const undecided = await create();
    await record(variantNamed(undecided, 'control').id, 1000, 80);
    await record(variantNamed(undecided, 'treatment').id, 1000, 100);
    expect((await comparisons(undecided.id)).comparisons[0]).toMatchObject({ significant: false, improvementPercent: expect.closeTo(25, 8) });
    expect((await startAndComplete(undecided.id)).data?.completeExperiment.winner?.name).toBe('control');

    const chosen = await create();
    const explicit = await startAndComplete(chosen.id, variantNamed(chosen, 'treatment').id);
    expect(explicit.data?.completeExperiment.winner?.name).toBe('treatment');
  });

  it('tests at the experiment\'s own significance level and minimum sample', async () => {
    const lenient = await create({ significanceLevel: 0.1, minImpressions: 500 });
    expect(lenient).toMatchObject({ significanceLevel: 0.1, minImpressions: 500 });
    await record(variantNamed(lenient, 'control').id, 1000, 80);
    await record(variantNamed(lenient, 'treatment').id, 400, 50);
    expect((await comparisons(lenient.id)).comparisons[0]).toMatchObject({ zScore: null, pValue: null, significant: false });
    await record(variantNamed(lenient, 'treatment').id, 600, 55);
    const tested = (await comparisons(lenient.id)).comparisons[0];
    expect(tested?.pValue).toBeCloseTo(0.0536765, 6);
    expect(tested?.significant).toBe(true);
  });

  it('adds concurrent records atomically', async () => {
    const experiment = await create();
    const id = variantNamed(experiment, 'treatment').id;
    const responses = await Promise.all(Array.from({ length: 20 }, () => record(id, 10, 3)));
    for (const response of responses) expect(response.errors).toBeUndefined();
    const [row] = await ctx.db.withSchema('experiments').selectFrom('variants').select(['impressions', 'successes']).where('id', '=', id).execute();
    expect(row).toEqual({ impressions: '200', successes: '60' });
  });

  it('publishes experiment.updated when counts are recorded', async () => {
    const experiment = await create();
    const seen: string[] = [];
    const sub = nc.subscribe(TEST_NATS.subjects.experimentUpdated, {
      callback: (_err, msg) => {
        const event = msg.json<{ id: string; data: { experimentId: string } }>();
        if (event.data.experimentId === experiment.id) seen.push(event.id);
      },
    });
    await nc.flush();
    const variant = variantNamed(experiment, 'control');
    await record(variant.id, 10, 1);
    for (let i = 0; i < 100 && seen.length === 0; i += 1) await new Promise((r) => setTimeout(r, 20));
    sub.unsubscribe();
    expect(seen).toEqual([`${experiment.id}.performance.${variant.id}.10.1`]);
  });

  describe('bad input to recordVariantPerformance', () => {
    it.each([
      ['negative impressions', -1, 0],
      ['negative successes', 5, -1],
      ['more successes than impressions', 5, 6],
    ])('answers BAD_USER_INPUT for %s and adds nothing', async (_label, impressions, successes) => {
      const experiment = await create();
      const variant = variantNamed(experiment, 'control');
      const response = await record(variant.id, impressions, successes);
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(response.data ?? null).toBeNull();
      const [row] = await ctx.db.withSchema('experiments').selectFrom('variants').select(['impressions', 'successes']).where('id', '=', variant.id).execute();
      expect(row).toEqual({ impressions: '0', successes: '0' });
    });

    it('answers BAD_USER_INPUT for a malformed id and NOT_FOUND for an unknown variant', async () => {
      expect((await record('nope', 1, 0)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect((await record(randomUUID(), 1, 0)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    });

    it('answers CONFLICT once the experiment is COMPLETED (its counts are final)', async () => {
      const experiment = await create();
      await startAndComplete(experiment.id);
      const response = await record(variantNamed(experiment, 'treatment').id, 10, 1);
      expect(response.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    });
  });

  describe('bad input to createExperiment', () => {
    const fixed = (a: number | null, b: number | null) => [
      { ...control, trafficAllocation: a },
      { ...treatment, trafficAllocation: b },
    ];
    const defaults = [control, treatment];
    const cases: Array<[string, Record<string, unknown>, unknown[]]> = [
      ['significanceLevel 0', { significanceLevel: 0 }, defaults],
      ['significanceLevel 1', { significanceLevel: 1 }, defaults],
      ['minImpressions 0', { minImpressions: 0 }, defaults],
      ['a traffic allocation under Thompson sampling', {}, fixed(0.5, 0.5)],
      ['allocations that do not sum to 1', { algorithm: 'FIXED_ALLOCATION' }, fixed(0.5, 0.6)],
      ['an allocation for some variants only', { algorithm: 'FIXED_ALLOCATION' }, fixed(1, null)],
      ['an allocation of 0', { algorithm: 'FIXED_ALLOCATION' }, fixed(0, 1)],
    ];

    it.each(cases)('answers BAD_USER_INPUT for %s', async (_label, extra, variants) => {
      const response = await ctx.gql(CREATE, { input: { name: 'bad', personaId: randomUUID(), variants, ...extra } });
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  it('stores a FIXED_ALLOCATION split as given, or an equal split by default', async () => {
    const given = await create({ algorithm: 'FIXED_ALLOCATION' }, [
      { ...control, trafficAllocation: 0.25 },
      { ...treatment, trafficAllocation: 0.75 },
    ]);
    expect(given.algorithm).toBe('FIXED_ALLOCATION');
    expect(given.variants.map((v) => [v.name, v.trafficAllocation])).toEqual([
      ['control', 0.25],
      ['treatment', 0.75],
    ]);
    const equal = await create({ algorithm: 'FIXED_ALLOCATION' });
    expect(equal.variants.map((v) => v.trafficAllocation)).toEqual([0.5, 0.5]);
  });
});
