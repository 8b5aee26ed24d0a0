import { exportPortfolio } from '../../../subgraphs/achievements/src/operations/export-portfolio';
import { queryRows } from '../../support/database';
import { errorCode } from '../../support/graphql';
import { createAchievement, startHarness } from './harness';
import type { AchievementJson, AchievementsHarness } from './harness';

const HOSTILE_TITLE = `<script>alert(1)</script> [x](javascript:alert(1)) # heading "q" 'q'`;
const LONG_DESCRIPTION = 'A new onboarding flow, measured over a quarter. '.repeat(60).trim();

const SNAPSHOT_FIELDS = `id version format template content totalAchievements totalImpactScore totalBusinessValue totalTimeSavedHours createdAt createdBy`;
const EXPORT = `mutation($format: PortfolioFormat!, $filter: PortfolioFilter) { exportPortfolio(format: $format, filter: $filter) { ${SNAPSHOT_FIELDS} } }`;
const SNAPSHOTS = `query($first: Int, $after: String, $format: PortfolioFormat) {
  portfolioSnapshots(first: $first, after: $after, format: $format) {
    edges { cursor node { id format version content } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;
const SNAPSHOT = `query($id: ID!) { portfolioSnapshot(id: $id) { ${SNAPSHOT_FIELDS} } }`;
const STATS = `query($filter: AchievementFilter) {
  achievementStats(filter: $filter) {
    count totalTimeSavedHours totalBusinessValue roi
    byCategory { category count totalImpactScore totalBusinessValue }
    bySource { sourceType count }
    timeline { month count impactScore businessValue }
  }
}`;

interface SnapshotJson {
  id: string;
  version: string;
  format: string;
  template: string | null;
  content: string;
  totalAchievements: number;
  totalImpactScore: number;
  totalBusinessValue: number;
  totalTimeSavedHours: number;
  createdAt: string;
  createdBy: string | null;
}

interface SnapshotRow extends Record<string, unknown> {
  id: string;
  version: string;
  format: string;
  template: string | null;
  content: string;
  total_achievements: number;
  total_impact_score: string;
  total_business_value: string;
  total_time_saved_hours: string;
  filter: Record<string, unknown>;
  created_by: string | null;
}

describe('portfolio export', () => {
  let harness: AchievementsHarness;
  /** Portfolio-ready: performance (priority 60), security (hostile title), feature (priority 90), architecture (impact 60). */
  let perf: AchievementJson;
  let security: AchievementJson;
  let feature: AchievementJson;
  let architecture: AchievementJson;
  /** Not portfolio-ready: testing, an imported PR. */
  let testing: AchievementJson;
  let imported: AchievementJson;

  beforeAll(async () => {
    harness = await startHarness();
    const base = { complexityScore: 50 };
    perf = await createAchievement(harness, {
      ...base,
      title: 'Cut p95 latency by 40%',
      category: 'PERFORMANCE',
      impactScore: 90,
      businessValue: 5000,
      timeSavedHours: 10,
      displayPriority: 60,
      skills: ['Postgres'],
      sourceUrl: 'https://github.com/o/r/pull/1',
      completedAt: '2026-01-15T10:00:00Z',
    });
    security = await createAchievement(harness, {
      ...base,
      title: HOSTILE_TITLE,
      description: '<img src=x onerror=alert(1)>',
      category: 'SECURITY',
      impactScore: 95.5,
      businessValue: 20000,
      timeSavedHours: 1.25,
      completedAt: '2026-01-31T23:30:00-02:00',
    });
    feature = await createAchievement(harness, {
      ...base,
      title: 'New onboarding flow',
      description: LONG_DESCRIPTION,
      category: 'FEATURE',
      impactScore: 75,
      timeSavedHours: 4,
      displayPriority: 90,
      completedAt: '2026-02-10T00:00:00Z',
    });
    architecture = await createAchievement(harness, { ...base, title: 'Event bus', category: 'ARCHITECTURE', impactScore: 60, portfolioReady: true, businessValue: 1000 });
    testing = await createAchievement(harness, { ...base, title: 'Flaky test quarantine', category: 'TESTING', impactScore: 40, timeSavedHours: 6 });
    imported = await createAchievement(harness, {
      ...base,
      title: 'Imported PR',
      category: 'FEATURE',
      impactScore: 65,
      sourceType: 'GITHUB_PR',
      sourceId: 'o/r#7',
      completedAt: '2026-02-20T12:00:00Z',
    });
  });
  afterAll(async () => {
    await harness.stop();
  });

  async function exportAs(format: string, filter?: Record<string, unknown>): Promise<SnapshotJson> {
    return (await harness.data<{ exportPortfolio: SnapshotJson }>(EXPORT, { format, filter })).exportPortfolio;
  }

  async function storedRow(id: string): Promise<SnapshotRow> {
    const [row] = await queryRows<SnapshotRow>(harness.database.url, 'select * from achievements.portfolio_snapshots where id = $1', [id]);
    if (!row) throw new Error(`snapshot ${id} not stored`);
    return row;
  }

  function titlesOf(snapshot: SnapshotJson): string[] {
    return (JSON.parse(snapshot.content) as { achievements: Array<{ title: string }> }).achievements.map((a) => a.title);
  }

  it('exports the portfolio-ready achievements as Markdown and stores the document whole', async () => {
    const snapshot = await exportAs('MARKDOWN');
    expect(snapshot).toMatchObject({
      format: 'MARKDOWN',
      template: null,
      totalAchievements: 4,
      totalImpactScore: 320.5,
      totalBusinessValue: 26000,
      totalTimeSavedHours: 15.25,
      createdBy: 'test-gateway-caller',
    });
    expect(snapshot.version).toMatch(/^\d{8}_\d{6}(_\d+)?$/);
    expect(snapshot.version.slice(0, 15)).toBe(snapshot.createdAt.replace(/[-:]/g, '').replace('T', '_').slice(0, 15));
    // portfolio order: priority 90, 60, then 50 by impact
    const headings = snapshot.content.split('\n').filter((line) => line.startsWith('## '));
    expect(headings).toEqual([
      '## 1\\. New onboarding flow',
      '## 2\\. Cut p95 latency by 40\\%',
      '## 3\\. \\<script\\>alert\\(1\\)\\<\\/script\\> \\[x\\]\\(javascript\\:alert\\(1\\)\\) \\# heading \\"q\\" \\\'q\\\'',
      '## 4\\. Event bus',
    ]);
    expect(snapshot.content).toContain('- Link: [source](https://github.com/o/r/pull/1)');

    const row = await storedRow(snapshot.id);
    expect(row.content).toBe(snapshot.content);
    expect(row.content.length).toBeGreaterThan(3000);
    expect(row).toMatchObject({
      version: snapshot.version,
      format: 'MARKDOWN',
      template: null,
      total_achievements: 4,
      total_impact_score: '320.50',
      total_business_value: '26000.00',
      total_time_saved_hours: '15.25',
      created_by: 'test-gateway-caller',
      filter: { template: null, portfolioReadyOnly: true, minImpactScore: null, categories: null, maxAchievements: 500 },
    });
  });

  it('exports JSON that parses back with version, totals and the achievements in portfolio order', async () => {
    const snapshot = await exportAs('JSON');
    const document = JSON.parse(snapshot.content) as Record<string, unknown>;
    expect(document).toMatchObject({
      version: snapshot.version,
      generatedAt: snapshot.createdAt,
      totals: { achievements: 4, impactScore: 320.5, businessValue: 26000, timeSavedHours: 15.25 },
    });
    expect((document.achievements as Array<{ id: string }>).map((a) => a.id)).toEqual([feature.id, perf.id, security.id, architecture.id]);
    expect(titlesOf(snapshot)).toContain(HOSTILE_TITLE);
    expect((await storedRow(snapshot.id)).content).toBe(snapshot.content);
  });

  it('exports an HTML document in which no achievement text is markup', async () => {
    const snapshot = await exportAs('HTML');
    expect(snapshot.content.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(snapshot.content).not.toMatch(/<script/i);
    expect(snapshot.content).not.toMatch(/<img/i);
    expect(snapshot.content).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(snapshot.content).toContain('<a href="https://github.com/o/r/pull/1" rel="noopener noreferrer">Source</a>');
    expect((await storedRow(snapshot.id)).content).toBe(snapshot.content);
  });

  it('answers NOT_FOUND when no achievement matches, and stores nothing', async () => {
    const [before] = await queryRows<{ count: string }>(harness.database.url, 'select count(*) from achievements.portfolio_snapshots');
    const response = await harness.gql(EXPORT, { format: 'JSON', filter: { categories: ['DOCUMENTATION'] } });
    expect(errorCode(response)).toBe('NOT_FOUND');
    expect(response.errors?.[0]?.message).toBe('No achievements match the portfolio filter');
    expect(response.data).toBeNull();
    const [after] = await queryRows<{ count: string }>(harness.database.url, 'select count(*) from achievements.portfolio_snapshots');
    expect(after?.count).toBe(before?.count);
  });

  it('rejects an invalid filter with BAD_USER_INPUT', async () => {
    for (const filter of [{ maxAchievements: 0 }, { maxAchievements: 501 }, { minImpactScore: 101 }, { categories: [] }]) {
      expect(errorCode(await harness.gql(EXPORT, { format: 'JSON', filter }))).toBe('BAD_USER_INPUT');
    }
  });

  it('applies the executive summary template: impact >= 70, at most 10, overridable', async () => {
    const summary = await exportAs('JSON', { template: 'EXECUTIVE_SUMMARY' });
    expect(summary.template).toBe('EXECUTIVE_SUMMARY');
    expect(titlesOf(summary)).toEqual(['New onboarding flow', 'Cut p95 latency by 40%', HOSTILE_TITLE]);
    expect(JSON.parse(summary.content)).toMatchObject({ template: 'EXECUTIVE_SUMMARY', title: 'Executive summary' });
    const topTwo = await exportAs('JSON', { template: 'EXECUTIVE_SUMMARY', maxAchievements: 2 });
    expect(titlesOf(topTwo)).toEqual(['New onboarding flow', 'Cut p95 latency by 40%']);
    expect((await storedRow(topTwo.id)).filter).toEqual({
      template: 'EXECUTIVE_SUMMARY',
      portfolioReadyOnly: true,
      minImpactScore: 70,
      categories: null,
      maxAchievements: 2,
    });
  });

  it('applies the technical portfolio template: features, performance and architecture', async () => {
    const technical = await exportAs('JSON', { template: 'TECHNICAL_PORTFOLIO' });
    expect(titlesOf(technical)).toEqual(['New onboarding flow', 'Cut p95 latency by 40%', 'Event bus']);
    const withUnready = await exportAs('JSON', { template: 'TECHNICAL_PORTFOLIO', portfolioReadyOnly: false, categories: ['FEATURE'] });
    expect(titlesOf(withUnready)).toEqual(['New onboarding flow', 'Imported PR']);
  });

  it('applies the full archive template: every achievement, ready or not', async () => {
    const archive = await exportAs('JSON', { template: 'FULL_ARCHIVE' });
    expect(archive.totalAchievements).toBe(6);
    expect(titlesOf(archive)).toEqual(['New onboarding flow', 'Cut p95 latency by 40%', HOSTILE_TITLE, 'Imported PR', 'Event bus', 'Flaky test quarantine']);
    expect(archive).toMatchObject({ totalImpactScore: 425.5, totalBusinessValue: 26000, totalTimeSavedHours: 21.25 });
    expect((await exportAs('JSON', { template: 'FULL_ARCHIVE', portfolioReadyOnly: true })).totalAchievements).toBe(4);
  });

  it('keeps versions unique per format when exports share a second', async () => {
    const now = new Date('2031-05-06T07:08:09.100Z');
    const request = { format: 'MARKDOWN' as const, filter: {} };
    const first = await exportPortfolio(harness.db, request, 'tester', now);
    const second = await exportPortfolio(harness.db, request, 'tester', now);
    const third = await exportPortfolio(harness.db, request, 'tester', now);
    const otherFormat = await exportPortfolio(harness.db, { format: 'HTML', filter: {} }, 'tester', now);
    expect([first.version, second.version, third.version, otherFormat.version]).toEqual([
      '20310506_070809',
      '20310506_070809_2',
      '20310506_070809_3',
      '20310506_070809',
    ]);
    expect(second.content).toContain('Version 20310506\\_070809\\_2,');
  });

  it('lists snapshots newest first, page by page, optionally of one format', async () => {
    await exportAs('HTML');
    await exportAs('MARKDOWN');
    const expected = await queryRows<{ id: string; format: string; content: string }>(
      harness.database.url,
      'select id, format, content from achievements.portfolio_snapshots order by created_at desc, id desc',
    );
    expect(expected.length).toBeGreaterThan(4);

    const seen: Array<{ id: string; content: string }> = [];
    let after: string | null = null;
    for (let page = 0; page < 50; page += 1) {
      type Page = { portfolioSnapshots: { edges: Array<{ node: { id: string; content: string } }>; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null } } };
      const { portfolioSnapshots: connection }: Page = await harness.data<Page>(SNAPSHOTS, { first: 2, after });
      expect(connection.edges.length).toBeLessThanOrEqual(2);
      expect(connection.pageInfo.hasPreviousPage).toBe(after !== null);
      seen.push(...connection.edges.map((edge) => edge.node));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen.map((node) => node.id)).toEqual(expected.map((row) => row.id));
    expect(seen.map((node) => node.content)).toEqual(expected.map((row) => row.content));

    const html = await harness.data<{ portfolioSnapshots: { edges: Array<{ node: { id: string; format: string } }> } }>(SNAPSHOTS, { first: 100, format: 'HTML' });
    const htmlIds = expected.filter((row) => row.format === 'HTML').map((row) => row.id);
    expect(htmlIds.length).toBeGreaterThan(0);
    expect(html.portfolioSnapshots.edges.map((edge) => edge.node.id)).toEqual(htmlIds);
  });

  it('rejects a page size over 100 and a malformed cursor', async () => {
    expect(errorCode(await harness.gql(SNAPSHOTS, { first: 101 }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await harness.gql(SNAPSHOTS, { after: 'nope' }))).toBe('BAD_USER_INPUT');
  });

  it('reads one snapshot by id (null when unknown, BAD_USER_INPUT when not a UUID) and as an entity', async () => {
    const snapshot = await exportAs('MARKDOWN', { template: 'EXECUTIVE_SUMMARY' });
    expect((await harness.data<{ portfolioSnapshot: SnapshotJson }>(SNAPSHOT, { id: snapshot.id })).portfolioSnapshot).toEqual(snapshot);
    expect((await harness.data(SNAPSHOT, { id: '00000000-0000-4000-8000-000000000000' })).portfolioSnapshot).toBeNull();
    expect(errorCode(await harness.gql(SNAPSHOT, { id: 'nope' }))).toBe('BAD_USER_INPUT');

    const entities = await harness.data<{ _entities: Array<{ id: string; version: string; content: string } | null> }>(
      `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on PortfolioSnapshot { id version content } } }`,
      { representations: [{ __typename: 'PortfolioSnapshot', id: snapshot.id }, { __typename: 'PortfolioSnapshot', id: 'nope' }] },
    );
    expect(entities._entities).toEqual([{ id: snapshot.id, version: snapshot.version, content: snapshot.content }, null]);
  });

  it('computes the timeline, sources, category totals and ROI of the stats', async () => {
    const stats = (await harness.data<{ achievementStats: Record<string, unknown> }>(STATS)).achievementStats;
    // no completedAt: bucketed by the month of createdAt
    const createdMonths = [architecture, testing].map((a) => a.createdAt.slice(0, 7));
    const recent = createdMonths[0] === createdMonths[1]
      ? [{ month: createdMonths[0], count: 2, impactScore: 100, businessValue: 1000 }]
      : [
          { month: createdMonths[0], count: 1, impactScore: 60, businessValue: 1000 },
          { month: createdMonths[1], count: 1, impactScore: 40, businessValue: 0 },
        ];
    expect(stats).toEqual({
      count: 6,
      totalTimeSavedHours: 21.25,
      totalBusinessValue: 26000,
      // 26000 / (21.25 h x $100)
      roi: 12.24,
      byCategory: [
        { category: 'FEATURE', count: 2, totalImpactScore: 140, totalBusinessValue: 0 },
        { category: 'ARCHITECTURE', count: 1, totalImpactScore: 60, totalBusinessValue: 1000 },
        { category: 'PERFORMANCE', count: 1, totalImpactScore: 90, totalBusinessValue: 5000 },
        { category: 'SECURITY', count: 1, totalImpactScore: 95.5, totalBusinessValue: 20000 },
        { category: 'TESTING', count: 1, totalImpactScore: 40, totalBusinessValue: 0 },
      ],
      bySource: [
        { sourceType: 'MANUAL', count: 5 },
        { sourceType: 'GITHUB_PR', count: 1 },
      ],
      timeline: [
        { month: '2026-01', count: 1, impactScore: 90, businessValue: 5000 },
        // 2026-01-31T23:30-02:00 is February in UTC
        { month: '2026-02', count: 3, impactScore: 235.5, businessValue: 20000 },
        ...recent,
      ],
    });
    expect(imported.sourceType).toBe('GITHUB_PR');
  });

  it('reports a null ROI when no business value is known or no time was saved', async () => {
    const noValue = (await harness.data<{ achievementStats: { roi: number | null; count: number } }>(STATS, { filter: { category: 'TESTING' } })).achievementStats;
    expect(noValue).toEqual({ ...noValue, count: 1, roi: null });
    const noTime = (await harness.data<{ achievementStats: { roi: number | null; count: number } }>(STATS, { filter: { category: 'ARCHITECTURE' } })).achievementStats;
    expect(noTime).toEqual({ ...noTime, count: 1, roi: null });
    const empty = (await harness.data<{ achievementStats: Record<string, unknown> }>(STATS, { filter: { category: 'DOCUMENTATION' } })).achievementStats;
    expect(empty).toEqual({ count: 0, totalTimeSavedHours: 0, totalBusinessValue: 0, roi: null, byCategory: [], bySource: [], timeline: [] });
  });
});
