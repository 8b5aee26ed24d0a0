import { startHarness } from './harness';
import { errorCode } from '../../support/graphql';
import { queryRows } from '../../support/database';
import type { AchievementsHarness } from './harness';

type SeededRow = {
  id: string;
  created_at: Date;
  impact_score: string;
  portfolio_ready: boolean;
};

interface Page {
  achievements: {
    totalCount: number;
    edges: Array<{ cursor: string; node: { id: string } }>;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  };
}

const PAGE = `query($first: Int, $after: String, $orderBy: AchievementOrder, $filter: AchievementFilter) {
  achievements(first: $first, after: $after, orderBy: $orderBy, filter: $filter) {
    totalCount
    edges { cursor node { id } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

const byIdDesc = (a: SeededRow, b: SeededRow) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
const newestFirst = (a: SeededRow, b: SeededRow) => b.created_at.getTime() - a.created_at.getTime() || byIdDesc(a, b);
const highestImpactFirst = (a: SeededRow, b: SeededRow) => Number(b.impact_score) - Number(a.impact_score) || byIdDesc(a, b);

describe('achievements connection: keyset pagination', () => {
  let harness: AchievementsHarness;
  let rows: SeededRow[];

  beforeAll(async () => {
    harness = await startHarness();
    // 25 rows with deliberate ties: 8 distinct creation times and 6 distinct impact scores,
    // so that the id tie-breaker decides the order inside each group.
    rows = await queryRows<SeededRow>(
      harness.database.url,
      `insert into achievements.achievements (title, category, impact_score, complexity_score, portfolio_ready, created_at)
       select 'Achievement ' || i, 'FEATURE', ((i * 7) % 6) * 12.5, 50, i % 3 = 0,
              timestamptz '2026-06-01T00:00:00Z' + ((i % 8) * interval '1 minute')
       from generate_series(1, 25) as i
       returning id, created_at, impact_score, portfolio_ready`,
    );
  });
  afterAll(async () => {
    await harness.stop();
  });

  async function walk(orderBy: string, filter?: Record<string, unknown>): Promise<{ ids: string[]; pages: Page[] }> {
    const ids: string[] = [];
    const pages: Page[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i += 1) {
      const response = await harness.gql<Page>(PAGE, { first: 10, after, orderBy, filter });
      expect(response.errors).toBeUndefined();
      const page = response.data as Page;
      pages.push(page);
      ids.push(...page.achievements.edges.map((edge) => edge.node.id));
      if (!page.achievements.pageInfo.hasNextPage) break;
      after = page.achievements.pageInfo.endCursor;
    }
    return { ids, pages };
  }

  it('walks 25 rows newest first in pages of 10, 10 and 5 without duplicates or gaps', async () => {
    const { ids, pages } = await walk('CREATED_AT_DESC');
    expect(pages.map((p) => p.achievements.edges.length)).toEqual([10, 10, 5]);
    expect(pages.map((p) => p.achievements.pageInfo.hasNextPage)).toEqual([true, true, false]);
    expect(pages.map((p) => p.achievements.pageInfo.hasPreviousPage)).toEqual([false, true, true]);
    expect(pages.every((p) => p.achievements.totalCount === 25)).toBe(true);
    expect(new Set(ids).size).toBe(25);
    expect(ids).toEqual([...rows].sort(newestFirst).map((r) => r.id));
  });

  it('walks 25 rows highest impact first in pages of 10, 10 and 5 without duplicates or gaps', async () => {
    const { ids, pages } = await walk('IMPACT_SCORE_DESC');
    expect(pages.map((p) => p.achievements.edges.length)).toEqual([10, 10, 5]);
    expect(pages.map((p) => p.achievements.pageInfo.hasNextPage)).toEqual([true, true, false]);
    expect(new Set(ids).size).toBe(25);
    expect(ids).toEqual([...rows].sort(highestImpactFirst).map((r) => r.id));
  });

  it('uses newest first when no order is given', async () => {
    const response = await harness.gql<Page>(PAGE, { first: 3 });
    expect(response.data?.achievements.edges.map((e) => e.node.id)).toEqual([...rows].sort(newestFirst).slice(0, 3).map((r) => r.id));
  });

  it('paginates a filtered list by impact (portfolio-ready rows only)', async () => {
    const expected = rows.filter((r) => r.portfolio_ready).sort(highestImpactFirst).map((r) => r.id);
    expect(expected).toHaveLength(8);
    const walked = await harness.gql<Page>(PAGE, { first: 5, orderBy: 'IMPACT_SCORE_DESC', filter: { portfolioReady: true } });
    const first = walked.data as Page;
    const second = await harness.gql<Page>(PAGE, {
      first: 5,
      after: first.achievements.pageInfo.endCursor,
      orderBy: 'IMPACT_SCORE_DESC',
      filter: { portfolioReady: true },
    });
    const ids = [...first.achievements.edges, ...(second.data?.achievements.edges ?? [])].map((e) => e.node.id);
    expect(ids).toEqual(expected);
    expect(first.achievements.totalCount).toBe(8);
    expect(second.data?.achievements.pageInfo.hasNextPage).toBe(false);
  });

  it('rejects a cursor of the other order and a page size above 100 with BAD_USER_INPUT', async () => {
    const created = (await harness.gql<Page>(PAGE, { first: 1 })).data as Page;
    const impact = (await harness.gql<Page>(PAGE, { first: 1, orderBy: 'IMPACT_SCORE_DESC' })).data as Page;
    const createdCursor = created.achievements.pageInfo.endCursor;
    const impactCursor = impact.achievements.pageInfo.endCursor;
    expect(errorCode(await harness.gql(PAGE, { first: 1, after: createdCursor, orderBy: 'IMPACT_SCORE_DESC' }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await harness.gql(PAGE, { first: 1, after: impactCursor, orderBy: 'CREATED_AT_DESC' }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await harness.gql(PAGE, { first: 101 }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await harness.gql(PAGE, { first: 5, after: 'garbage' }))).toBe('BAD_USER_INPUT');
  });
});
