import { createAchievement, startHarness } from './harness';
import { errorCode } from '../../support/graphql';
import type { AchievementsHarness } from './harness';

const seed = [
  { title: 'Cut p95 latency by 40%', description: 'Read-through cache', category: 'PERFORMANCE', impactScore: 90, portfolioReady: true, timeSavedHours: 10, businessValue: 5000 },
  { title: 'Shave 400 ms off checkout', description: 'Lazy-load images', category: 'PERFORMANCE', impactScore: 70, portfolioReady: false, timeSavedHours: 2.5 },
  { title: 'Rotate leaked keys', description: 'Moved secrets to the vault', category: 'SECURITY', impactScore: 95.5, portfolioReady: true, businessValue: 20000 },
  { title: 'Flaky test quarantine', description: 'Retries within a LATENCY budget', category: 'TESTING', impactScore: 40, portfolioReady: false, timeSavedHours: 6 },
  { title: 'Fix snake_case parser', description: 'Field names like user_id', category: 'BUGFIX', impactScore: 30, portfolioReady: true, timeSavedHours: 1.25 },
  { title: 'Docs for onboarding', description: 'Day-one guide', category: 'DOCUMENTATION', impactScore: 55, portfolioReady: false, timeSavedHours: 4 },
];

const LIST = `query($filter: AchievementFilter) { achievements(first: 100, filter: $filter) { totalCount edges { node { title } } } }`;
const STATS = `query($filter: AchievementFilter) {
  achievementStats(filter: $filter) {
    count portfolioReadyCount averageImpactScore totalTimeSavedHours totalBusinessValue byCategory { category count }
  }
}`;

describe('achievements filters and stats', () => {
  let harness: AchievementsHarness;

  beforeAll(async () => {
    harness = await startHarness();
    for (const input of seed) await createAchievement(harness, { complexityScore: 50, ...input });
  });
  afterAll(async () => {
    await harness.stop();
  });

  async function titles(filter: Record<string, unknown>): Promise<string[]> {
    const response = await harness.gql<{ achievements: { totalCount: number; edges: Array<{ node: { title: string } }> } }>(LIST, { filter });
    expect(response.errors).toBeUndefined();
    const connection = response.data?.achievements;
    expect(connection?.totalCount).toBe(connection?.edges.length);
    return (connection?.edges ?? []).map((edge) => edge.node.title).sort();
  }

  it('filters by category', async () => {
    expect(await titles({ category: 'PERFORMANCE' })).toEqual(['Cut p95 latency by 40%', 'Shave 400 ms off checkout']);
    expect(await titles({ category: 'FEATURE' })).toEqual([]);
  });

  it('filters by portfolio readiness both ways', async () => {
    expect(await titles({ portfolioReady: true })).toEqual(['Cut p95 latency by 40%', 'Fix snake_case parser', 'Rotate leaked keys']);
    expect(await titles({ portfolioReady: false })).toEqual(['Docs for onboarding', 'Flaky test quarantine', 'Shave 400 ms off checkout']);
  });

  it('filters by a minimum impact score, inclusive', async () => {
    expect(await titles({ minImpactScore: 70 })).toEqual(['Cut p95 latency by 40%', 'Rotate leaked keys', 'Shave 400 ms off checkout']);
    expect(await titles({ minImpactScore: 95.5 })).toEqual(['Rotate leaked keys']);
  });

  it('searches title and description case-insensitively', async () => {
    expect(await titles({ search: 'latency' })).toEqual(['Cut p95 latency by 40%', 'Flaky test quarantine']);
    expect(await titles({ search: 'VAULT' })).toEqual(['Rotate leaked keys']);
  });

  it('matches % and _ in the search text literally', async () => {
    expect(await titles({ search: '40%' })).toEqual(['Cut p95 latency by 40%']);
    expect(await titles({ search: 'e_c' })).toEqual(['Fix snake_case parser']);
  });

  it('combines filters with AND', async () => {
    expect(await titles({ category: 'PERFORMANCE', portfolioReady: true })).toEqual(['Cut p95 latency by 40%']);
    expect(await titles({ portfolioReady: false, minImpactScore: 50, search: 'o' })).toEqual(['Docs for onboarding', 'Shave 400 ms off checkout']);
  });

  it('rejects an out-of-range minimum impact with BAD_USER_INPUT', async () => {
    expect(errorCode(await harness.gql(LIST, { filter: { minImpactScore: -5 } }))).toBe('BAD_USER_INPUT');
  });

  it('computes stats over all achievements', async () => {
    const response = await harness.gql(STATS);
    expect(response).toEqual({
      status: 200,
      data: {
        achievementStats: {
          count: 6,
          portfolioReadyCount: 3,
          averageImpactScore: 63.42,
          totalTimeSavedHours: 23.75,
          totalBusinessValue: 25000,
          byCategory: [
            { category: 'PERFORMANCE', count: 2 },
            { category: 'BUGFIX', count: 1 },
            { category: 'DOCUMENTATION', count: 1 },
            { category: 'SECURITY', count: 1 },
            { category: 'TESTING', count: 1 },
          ],
        },
      },
    });
  });

  it('computes stats over a filtered set, and empty stats when nothing matches', async () => {
    expect((await harness.gql(STATS, { filter: { portfolioReady: true } })).data).toEqual({
      achievementStats: {
        count: 3,
        portfolioReadyCount: 3,
        averageImpactScore: 71.83,
        totalTimeSavedHours: 11.25,
        totalBusinessValue: 25000,
        byCategory: [
          { category: 'BUGFIX', count: 1 },
          { category: 'PERFORMANCE', count: 1 },
          { category: 'SECURITY', count: 1 },
        ],
      },
    });
    expect((await harness.gql(STATS, { filter: { category: 'FEATURE' } })).data).toEqual({
      achievementStats: { count: 0, portfolioReadyCount: 0, averageImpactScore: null, totalTimeSavedHours: 0, totalBusinessValue: 0, byCategory: [] },
    });
  });
});
