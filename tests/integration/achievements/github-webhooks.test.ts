import { randomUUID } from 'node:crypto';
import { startAchievementsWorker } from '../../../subgraphs/achievements/src/worker';
import type { RunningAchievementsWorker } from '../../../subgraphs/achievements/src/worker';
import { countRows, queryRows } from '../../support/database';
import { eventually } from '../../support/eventually';
import { TEST_WEBHOOK_SECRET, deliver, examplePayload, mergedPullRequest, signedHeaders, startFakeGithub } from '../../support/github';
import { scrapeMetrics } from '../../support/metrics';
import { uniqueDurable } from '../../support/nats';
import { startHarness } from './harness';
import type { AchievementsHarness } from './harness';

interface DeliveryRow extends Record<string, unknown> {
  status: string;
  outcome: string | null;
  achievement_id: string | null;
}

const ACHIEVEMENT = `query($id: ID!) { achievement(id: $id) {
  title category impactScore complexityScore portfolioReady sourceType sourceId sourceUrl skills tags durationHours
  businessValue businessValueMethod businessValueConfidence scoreBreakdown
  pullRequest { repository number author additions deletions changedFiles commits reviewCount reviewers labels files { path language changeType linesAdded linesDeleted } }
} }`;

describe('GitHub webhooks into achievements', () => {
  let harness: AchievementsHarness;
  let worker: RunningAchievementsWorker;
  let github: Awaited<ReturnType<typeof startFakeGithub>>;
  let url: string;

  const send = async (event: string, payload: unknown, deliveryId = randomUUID()) => {
    const body = JSON.stringify(payload);
    return { deliveryId, ...(await deliver(url, await signedHeaders(event, deliveryId, body), body)) };
  };
  const deliveryRow = async (deliveryId: string) =>
    (await queryRows<DeliveryRow>(harness.database.url, 'select status, outcome, achievement_id from achievements.webhook_deliveries where delivery_id = $1', [deliveryId]))[0];
  const processed = (deliveryId: string) =>
    eventually(async () => {
      const row = await deliveryRow(deliveryId);
      return row && row.status !== 'RECEIVED' ? row : undefined;
    });

  beforeAll(async () => {
    github = await startFakeGithub({
      'acme/api#77': {
        files: [
          { filename: 'src/cache.ts', additions: 300, deletions: 20 },
          { filename: 'src/cache.test.ts', additions: 120, deletions: 0 },
          { filename: 'docs/cache.md', additions: 40, deletions: 0 },
        ],
        commits: [
          { sha: 'a'.repeat(40), message: 'feat: read-through cache', login: 'dev', date: '2026-11-19T10:00:00Z' },
          { sha: 'b'.repeat(40), message: 'test: cache', login: 'dev', date: '2026-11-19T11:00:00Z' },
        ],
        reviews: [
          { login: 'alice', state: 'APPROVED' },
          { login: 'bob', state: 'COMMENTED' },
          { login: 'alice', state: 'APPROVED' },
        ],
      },
    });
    harness = await startHarness({
      GITHUB_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
      GITHUB_TOKEN: 'ghp_test_token',
      GITHUB_API_URL: github.url,
      ACHIEVEMENTS_CONSUMER_DURABLE: uniqueDurable('achievements-webhooks'),
      ACHIEVEMENTS_RETRY_DELAYS_MS: '100',
    });
    worker = await startAchievementsWorker(harness.config);
    url = harness.service.url.replace(/\/graphql$/, '/webhooks/github');
  });

  afterAll(async () => {
    await worker?.stop();
    await harness?.stop();
    await github?.close();
  });

  it('refuses unsigned and forged deliveries with 401 and stores nothing', async () => {
    const body = JSON.stringify(mergedPullRequest({ number: 1, title: 'feat: forged', additions: 900, deletions: 0, changedFiles: 20 }));
    const headers = await signedHeaders('pull_request', randomUUID(), body);
    const { 'x-hub-signature-256': _signature, ...unsigned } = headers;
    expect((await deliver(url, unsigned, body)).status).toBe(401);
    expect((await deliver(url, { ...headers, 'x-hub-signature-256': headers['x-hub-signature-256']!.replace(/.$/, (c) => (c === '0' ? '1' : '0')) }, body)).status).toBe(401);
    expect((await deliver(url, await signedHeaders('pull_request', randomUUID(), body, 'another-secret'), body)).status).toBe(401);
    expect((await deliver(url, { ...headers, 'x-hub-signature-256': headers['x-hub-signature-256']!.replace('sha256=', 'sha1=') }, body)).status).toBe(401);
    expect(await countRows(harness.database.url, 'achievements.webhook_deliveries')).toBe(0);
  });

  it('answers a signed body that is not JSON with 400, and one over 25 MB with 413', async () => {
    const garbage = '{"not json';
    expect((await deliver(url, await signedHeaders('pull_request', randomUUID(), garbage), garbage)).status).toBe(400);
    const huge = 'x'.repeat(25 * 1024 * 1024 + 1);
    expect((await deliver(url, await signedHeaders('pull_request', randomUUID(), huge), huge)).status).toBe(413);
    expect(await countRows(harness.database.url, 'achievements.webhook_deliveries')).toBe(0);
  });

  it('acknowledges ping and unused events with 200 and records them as IGNORED', async () => {
    const ping = await send('ping', examplePayload('ping'));
    expect(ping).toMatchObject({ status: 200, body: { status: 'ignored' } });
    const star = await send('star', { action: 'created', repository: { full_name: 'acme/api' } });
    expect(star.status).toBe(200);
    expect(await deliveryRow(ping.deliveryId)).toMatchObject({ status: 'IGNORED', outcome: 'ping events are not used' });
  });

  it('turns a significant merged PR into one scored achievement, reading reviews, files and commits from GitHub', async () => {
    const payload = mergedPullRequest({
      number: 77,
      title: 'feat: read-through cache for the catalogue',
      body: 'Cuts p95 latency. Saves 3 hours per week for the 4-person team.',
      labels: ['feature', 'performance'],
      additions: 460,
      deletions: 20,
      changedFiles: 3,
    });
    const first = await send('pull_request', payload);
    expect(first.status).toBe(202);
    expect(first.body).toEqual({ deliveryId: first.deliveryId, status: 'queued' });
    const row = await processed(first.deliveryId);
    expect(row).toMatchObject({ status: 'PROCESSED', outcome: 'achievement created' });

    const { achievement } = await harness.data<{ achievement: Record<string, unknown> & { pullRequest: Record<string, unknown> } }>(ACHIEVEMENT, { id: row.achievement_id });
    // base 50 + size >= 200 (480 lines) 15 + files >= 3 5 + reviews >= 3 10 + labels feature, performance 5 = 85
    expect(achievement).toMatchObject({
      title: 'feat: read-through cache for the catalogue',
      // Labels decide before the title (seed order); `performance` is a category label, `feature` is not.
      category: 'PERFORMANCE',
      impactScore: 85,
      portfolioReady: true,
      sourceType: 'GITHUB_PR',
      sourceId: 'acme/api#77',
      sourceUrl: 'https://github.com/acme/api/pull/77',
      durationHours: 48,
      businessValueMethod: 'TIME_SAVINGS',
    });
    expect(achievement.skills).toEqual(expect.arrayContaining(['TypeScript', 'Git', 'Code Review']));
    expect(achievement.tags).toEqual(expect.arrayContaining(['pr-77', 'feature']));
    expect(achievement.businessValue).toBeGreaterThan(0);
    expect(achievement.pullRequest).toMatchObject({ repository: 'acme/api', number: 77, commits: 2, reviewCount: 3, reviewers: ['alice', 'bob'], labels: ['feature', 'performance'] });
    expect((achievement.pullRequest.files as unknown[]).length).toBe(3);
    expect(achievement.pullRequest.files).toContainEqual({ path: 'src/cache.test.ts', language: 'TypeScript', changeType: 'test', linesAdded: 120, linesDeleted: 0 });
    expect(await countRows(harness.database.url, 'achievements.git_commits')).toBe(2);
    expect(github.requests.every((r) => r.authorization === 'token ghp_test_token')).toBe(true);

    // The same delivery again, and a new delivery of the same PR: acknowledged, never a second achievement.
    const again = await deliver(url, await signedHeaders('pull_request', first.deliveryId, JSON.stringify(payload)), JSON.stringify(payload));
    expect(again).toMatchObject({ status: 200, body: { status: 'duplicate' } });
    const second = await send('pull_request', payload);
    expect(await processed(second.deliveryId)).toMatchObject({ status: 'PROCESSED', outcome: 'achievement already imported', achievement_id: row.achievement_id });
    expect(await countRows(harness.database.url, 'achievements.pr_achievements')).toBe(1);
    expect((await queryRows(harness.database.url, "select 1 from achievements.achievements where source_id = 'acme/api#77'")).length).toBe(1);
  });

  it('scores a PR without GitHub details when the REST API does not know it, saying reviews are unknown', async () => {
    // 700 changed lines, 12 files, labels feature and performance, no reviews: 50 + 20 + 10 + 0 + 5 = 85.
    const payload = mergedPullRequest({ number: 78, title: 'Rework the export pipeline', labels: ['feature', 'performance'], additions: 650, deletions: 50, changedFiles: 12 });
    const row = await processed((await send('pull_request', payload)).deliveryId);
    const { achievement } = await harness.data<{ achievement: { impactScore: number; portfolioReady: boolean; scoreBreakdown: { impact: { notes: string[] } }; pullRequest: { reviewCount: number | null; files: unknown[] } } }>(ACHIEVEMENT, { id: row.achievement_id });
    expect(achievement.impactScore).toBe(85);
    expect(achievement.portfolioReady).toBe(true);
    expect(achievement.pullRequest).toMatchObject({ reviewCount: null, files: [] });
    expect(achievement.scoreBreakdown.impact.notes.join(' ')).toMatch(/review/i);
  });

  it('ignores PRs closed without merging and merged PRs below the significance filter', async () => {
    const closed = mergedPullRequest({ number: 79, title: 'feat: never merged', additions: 900, deletions: 0, changedFiles: 30 });
    (closed.pull_request as Record<string, unknown>).merged = false;
    (closed.pull_request as Record<string, unknown>).merged_at = null;
    expect(await processed((await send('pull_request', closed)).deliveryId)).toMatchObject({ status: 'IGNORED', outcome: 'pull request closed without merging' });
    const small = mergedPullRequest({ number: 80, title: 'Fix a typo', additions: 3, deletions: 1, changedFiles: 1 });
    expect(await processed((await send('pull_request', small)).deliveryId)).toMatchObject({ status: 'IGNORED', achievement_id: null });
    const opened = examplePayload('pull_request', 'opened');
    expect(await processed((await send('pull_request', opened)).deliveryId)).toMatchObject({ status: 'IGNORED', outcome: 'pull_request opened is not used' });
  });

  it('records the commits of a push to the default branch once, and ignores other branches', async () => {
    const push = examplePayload('push');
    const commit = (sha: string, message: string) => ({
      id: sha,
      message,
      timestamp: '2026-11-21T09:00:00Z',
      author: { name: 'Dev', email: 'dev@example.com', username: 'dev' },
      added: ['src/a.ts'],
      removed: [],
      modified: ['src/b.ts'],
    });
    Object.assign(push, { ref: 'refs/heads/main', commits: [commit('c'.repeat(40), 'fix: stop the leak'), commit('d'.repeat(40), 'chore: bump deps')] });
    Object.assign(push.repository as Record<string, unknown>, { full_name: 'acme/web', default_branch: 'main' });
    expect(await processed((await send('push', push)).deliveryId)).toMatchObject({ status: 'PROCESSED', outcome: '2 of 2 commits recorded' });
    expect(await processed((await send('push', push)).deliveryId)).toMatchObject({ status: 'PROCESSED', outcome: '0 of 2 commits recorded' });
    const commits = await queryRows<{ sha: string; is_significant: boolean; category: string | null; files_changed: number }>(
      harness.database.url,
      "select sha, is_significant, category, files_changed from achievements.git_commits where repository = 'acme/web' order by sha",
    );
    expect(commits).toEqual([
      { sha: 'c'.repeat(40), is_significant: true, category: 'BUGFIX', files_changed: 2 },
      { sha: 'd'.repeat(40), is_significant: false, category: null, files_changed: 2 },
    ]);
    const feature = { ...push, ref: 'refs/heads/feature-x' };
    expect(await processed((await send('push', feature)).deliveryId)).toMatchObject({ status: 'IGNORED', outcome: 'push to refs/heads/feature-x, not to the default branch' });
  });

  it('turns a closed issue with the seed labels into an achievement, once', async () => {
    const issue = examplePayload('issues', 'opened');
    issue.action = 'closed';
    Object.assign(issue.issue as Record<string, unknown>, {
      number: 12,
      title: 'Checkout crashes on empty carts',
      state: 'closed',
      state_reason: 'completed',
      closed_at: '2026-11-22T10:00:00Z',
      labels: [{ name: 'bug' }],
      html_url: 'https://github.com/acme/api/issues/12',
    });
    Object.assign(issue.repository as Record<string, unknown>, { full_name: 'acme/api' });
    const row = await processed((await send('issues', issue)).deliveryId);
    expect(row).toMatchObject({ status: 'PROCESSED', outcome: 'achievement created' });
    const { achievement } = await harness.data<{ achievement: Record<string, unknown> }>(ACHIEVEMENT, { id: row.achievement_id });
    expect(achievement).toMatchObject({ title: 'Checkout crashes on empty carts', category: 'BUGFIX', sourceType: 'GITHUB_ISSUE', sourceId: 'acme/api#12', pullRequest: null });
    expect(await processed((await send('issues', issue)).deliveryId)).toMatchObject({ outcome: 'achievement already imported', achievement_id: row.achievement_id });
    const question = structuredClone(issue);
    Object.assign(question.issue as Record<string, unknown>, { number: 13, labels: [{ name: 'bug' }, { name: 'question' }] });
    expect(await processed((await send('issues', question)).deliveryId)).toMatchObject({ status: 'IGNORED' });
  });

  it('processes a delivery stored but never queued (a crash between the answer and the publish) when the sweeper runs', async () => {
    const payload = mergedPullRequest({ number: 90, title: 'security: rotate signing keys', labels: ['security'], additions: 30, deletions: 10, changedFiles: 2 });
    const deliveryId = randomUUID();
    await queryRows(
      harness.database.url,
      "insert into achievements.webhook_deliveries (delivery_id, event, action, payload, received_at) values ($1, 'pull_request', 'closed', $2, now() - interval '1 minute')",
      [deliveryId, JSON.stringify(payload)],
    );
    expect(await worker.sweep()).toBe(1);
    expect(await processed(deliveryId)).toMatchObject({ status: 'PROCESSED', outcome: 'achievement created' });
    expect(await worker.sweep()).toBe(0);
  });

  it('counts deliveries by event and outcome on the admin ports', async () => {
    const server = await scrapeMetrics(harness.service.adminPort);
    expect(server('achievements_webhook_deliveries_total', { event: 'pull_request', outcome: 'refused' })).toBeGreaterThanOrEqual(4);
    expect(server('achievements_webhook_deliveries_total', { event: 'pull_request', outcome: 'queued' })).toBeGreaterThanOrEqual(5);
    expect(server('achievements_webhook_deliveries_total', { event: 'ping', outcome: 'ignored' })).toBe(1);
    const workerMetrics = await scrapeMetrics(worker.adminPort);
    expect(workerMetrics('achievements_webhook_deliveries_total', { event: 'pull_request', outcome: 'processed' })).toBeGreaterThanOrEqual(2);
    expect(workerMetrics('achievements_created_total', { source_type: 'GITHUB_PR' })).toBe(3);
  });
});

describe('GitHub webhooks without a secret', () => {
  let harness: AchievementsHarness;

  beforeAll(async () => {
    harness = await startHarness({ GITHUB_WEBHOOK_SECRET: '' });
  });

  afterAll(async () => {
    await harness?.stop();
  });

  it('answers 503 and says why, storing nothing', async () => {
    const body = JSON.stringify(examplePayload('ping'));
    const response = await deliver(harness.service.url.replace(/\/graphql$/, '/webhooks/github'), await signedHeaders('ping', randomUUID(), body), body);
    expect(response.status).toBe(503);
    expect(String(response.body.error)).toContain('GITHUB_WEBHOOK_SECRET');
    expect(await countRows(harness.database.url, 'achievements.webhook_deliveries')).toBe(0);
  });
});
