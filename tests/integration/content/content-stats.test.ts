import { randomUUID } from 'node:crypto';
import { insertPersona, insertPost, startContentHarness } from './harness';
import { errorCode } from '../../support/graphql';
import type { ContentHarness } from './harness';

const statsQuery = `query($personaId: ID) {
  contentStats(personaId: $personaId) {
    posts averageEngagementRate tokensUsed costUsd costPerPostUsd impressions follows costPerFollowUsd
  }
}`;

interface Stats {
  posts: number;
  averageEngagementRate: number | null;
  tokensUsed: number;
  costUsd: number;
  costPerPostUsd: number | null;
  impressions: number;
  follows: number;
  costPerFollowUsd: number | null;
}

describe('contentStats', () => {
  let h: ContentHarness;
  let jesus: string;
  let elon: string;

  beforeAll(async () => {
    h = await startContentHarness();
    jesus = await insertPersona(h.db, 'ai-jesus');
    elon = await insertPersona(h.db, 'ai-elon', 'hype');
    const p1 = await insertPost(h.db, { personaId: jesus, tokensUsed: 100, costUsd: 0.0012 });
    const p2 = await insertPost(h.db, { personaId: jesus, tokensUsed: 300, costUsd: 0.0024 });
    const p3 = await insertPost(h.db, { personaId: jesus, tokensUsed: 50, costUsd: 0.0004 });
    await insertPost(h.db, { personaId: elon, tokensUsed: 10, costUsd: 0.5 });
    const record = 'mutation($postId: ID!, $input: EngagementInput!) { recordEngagement(postId: $postId, input: $input) { id } }';
    // rates: 100/1000 = 0.1, 25/500 = 0.05, none (no impressions)
    await h.data(record, { postId: p1.id, input: { impressions: 1000, likes: 80, replies: 15, reposts: 5, follows: 2 } });
    await h.data(record, { postId: p2.id, input: { impressions: 500, likes: 20, replies: 3, reposts: 2, follows: 1 } });
    await h.data(record, { postId: p3.id, input: { impressions: 0, likes: 0, replies: 0, reposts: 0, follows: 0 } });
  });

  afterAll(async () => {
    await h?.stop();
  });

  async function stats(personaId?: string): Promise<Stats> {
    return (await h.data<{ contentStats: Stats }>(statsQuery, { personaId })).contentStats;
  }

  it('sums and averages the posts of one persona', async () => {
    const result = await stats(jesus);
    expect(result).toMatchObject({ posts: 3, tokensUsed: 450, impressions: 1500, follows: 3 });
    // mean of the rates of posts with impressions: (0.1 + 0.05) / 2
    expect(result.averageEngagementRate).toBeCloseTo(0.075, 12);
    expect(result.costUsd).toBeCloseTo(0.004, 12);
    expect(result.costPerPostUsd).toBeCloseTo(0.004 / 3, 12);
    expect(result.costPerFollowUsd).toBeCloseTo(0.004 / 3, 12);
  });

  it('has no average rate and no cost per follow for a persona without impressions or follows', async () => {
    expect(await stats(elon)).toEqual({
      posts: 1,
      averageEngagementRate: null,
      tokensUsed: 10,
      costUsd: 0.5,
      costPerPostUsd: 0.5,
      impressions: 0,
      follows: 0,
      costPerFollowUsd: null,
    });
  });

  it('covers every post without a persona', async () => {
    const result = await stats();
    expect(result).toMatchObject({ posts: 4, tokensUsed: 460, impressions: 1500, follows: 3 });
    expect(result.averageEngagementRate).toBeCloseTo(0.075, 12);
    expect(result.costUsd).toBeCloseTo(0.504, 12);
    expect(result.costPerPostUsd).toBeCloseTo(0.126, 12);
    expect(result.costPerFollowUsd).toBeCloseTo(0.168, 12);
  });

  it('is all zeros and nulls for a persona without posts', async () => {
    expect(await stats(randomUUID())).toEqual({
      posts: 0,
      averageEngagementRate: null,
      tokensUsed: 0,
      costUsd: 0,
      costPerPostUsd: null,
      impressions: 0,
      follows: 0,
      costPerFollowUsd: null,
    });
  });

  it('rejects a malformed persona id with BAD_USER_INPUT', async () => {
    expect(errorCode(await h.gql(statsQuery, { personaId: 'ai-jesus' }))).toBe('BAD_USER_INPUT');
  });
});
