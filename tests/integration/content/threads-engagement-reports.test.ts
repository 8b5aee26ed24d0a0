import { randomBytes } from 'node:crypto';
import type { PostRow } from '../../../subgraphs/content/src/db/database';
import { startContentWorker } from '../../../subgraphs/content/src/worker';
import type { ContentWorker } from '../../../subgraphs/content/src/worker';
import { eventually } from '../../support/eventually';
import type { ThreadsServer } from '../../support/threads-server';
import { PUBLICATION_FIELDS, insertPersona, insertPost } from './harness';
import type { ContentHarness, PublicationView } from './harness';
import { startThreadsContent, threadsAccount } from './threads-harness';
import type { ThreadsTestAccount } from './threads-harness';

const ACCOUNTS = { expired: threadsAccount('reports-expired'), late: threadsAccount('reports-late'), unavailable: threadsAccount('reports-unavailable'), gone: threadsAccount('reports-gone') };

/** Time between two reports of a post (ms): one hour, so a report put off to the next report time is far past the 60 s claim lease. */
const INSIGHTS_INTERVAL_MS = 3_600_000;
/** The claim lease of the reporter (`report-engagement.ts`). */
const LEASE_MS = 60_000;
/** `THREADS_INSIGHTS_HOURS`. */
const INSIGHTS_HOURS = 48;

describe('engagement reports from the Threads API when Threads refuses them', () => {
  let server: ThreadsServer;
  let h: ContentHarness;
  let worker: ContentWorker;
  const personaIds = new Map<string, string>();

  beforeAll(async () => {
    ({ server, h } = await startThreadsContent(Object.values(ACCOUNTS), {
      env: {
        THREADS_INSIGHTS_INTERVAL_MS: String(INSIGHTS_INTERVAL_MS),
        THREADS_INSIGHTS_HOURS: String(INSIGHTS_HOURS),
        // No pass on a timer: the tests run the reporter themselves (`reportEngagement`).
        ENGAGEMENT_POLL_INTERVAL_MS: '3600000',
      },
    }));
    worker = await startContentWorker(h.config);
    for (const a of Object.values(ACCOUNTS)) personaIds.set(a.persona, await insertPersona(h.db, a.persona));
  });

  afterAll(async () => {
    await worker?.stop();
    await h?.stop();
    await server?.close();
  });

  async function postRow(postId: string): Promise<PostRow> {
    return h.db.withSchema('content').selectFrom('posts').selectAll().where('id', '=', postId).executeTakeFirstOrThrow();
  }

  /** A draft of the account's persona, published through publishPost and the worker's publisher, its first report made due now. */
  async function publishedPost(a: ThreadsTestAccount): Promise<PostRow> {
    const draft = await insertPost(h.db, { personaId: personaIds.get(a.persona)!, hook: `A hook of ${a.persona} ${randomBytes(4).toString('hex')}` });
    await h.data(`mutation($id: ID!) { publishPost(id: $id) { ${PUBLICATION_FIELDS} } }`, { id: draft.id });
    await eventually(async () => {
      const { post } = await h.data<{ post: PublicationView }>(`query($id: ID!) { post(id: $id) { ${PUBLICATION_FIELDS} } }`, { id: draft.id });
      return post.status === 'PUBLISHED' ? post : undefined;
    });
    await makeDue(draft.id);
    return postRow(draft.id);
  }

  /** Makes the post's next report due (as if its time, or its claim's lease, had passed). */
  async function makeDue(postId: string): Promise<void> {
    await h.db.withSchema('content').updateTable('posts').set({ metrics_next_at: new Date(Date.now() - 1000) }).where('id', '=', postId).execute();
  }

  async function impressionsOf(postId: string): Promise<number | undefined> {
    const { post } = await h.data<{ post: PublicationView }>(`query($id: ID!) { post(id: $id) { ${PUBLICATION_FIELDS} } }`, { id: postId });
    return post.engagement?.impressions;
  }

  /** Statuses of the insights reads of a media at the fake Threads. */
  const insightsReads = (mediaId: string) => server.requests.filter((r) => r.path.endsWith(`/${mediaId}/insights`)).map((r) => r.status);

  async function reportsCounted(outcome: string): Promise<number> {
    const text = await (await fetch(`http://127.0.0.1:${worker.adminPort}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith('content_engagement_reports_total{') && l.includes('publisher="threads"') && l.includes(`outcome="${outcome}"`));
    return Number(line?.split(' ').pop() ?? 0);
  }

  it('puts a report refused with an expired token off to the next report time, not the next lease, and counts it skipped', async () => {
    const a = ACCOUNTS.expired;
    const post = await publishedPost(a);
    server.setExpired(a.token, true);
    const skippedBefore = await reportsCounted('skipped');

    const before = Date.now();
    expect(await worker.reportEngagement()).toBe(1);
    const after = Date.now();
    expect(insightsReads(post.external_id!)).toEqual([400]);
    const next = (await postRow(post.id)).metrics_next_at!.getTime();
    expect(next).toBeGreaterThanOrEqual(before + INSIGHTS_INTERVAL_MS);
    expect(next).toBeLessThanOrEqual(after + INSIGHTS_INTERVAL_MS);
    expect(next).toBeGreaterThan(after + LEASE_MS);
    expect(await reportsCounted('skipped')).toBe(skippedBefore + 1);
    // Nothing is due before that time: another pass asks Threads nothing.
    expect(await worker.reportEngagement()).toBe(0);
    expect(insightsReads(post.external_id!)).toEqual([400]);

    // With the token renewed, the report at the next report time is recorded.
    server.setExpired(a.token, false);
    server.setInsights(post.external_id!, { views: 500, likes: 20, replies: 4, reposts: 1 });
    await makeDue(post.id);
    expect(await worker.reportEngagement()).toBe(1);
    expect(insightsReads(post.external_id!)).toEqual([400, 200]);
    expect(await impressionsOf(post.id)).toBe(500);
  });

  it('ends the reports of a post whose report window is over when its last report is refused', async () => {
    const a = ACCOUNTS.late;
    const post = await publishedPost(a);
    // Published more than THREADS_INSIGHTS_HOURS ago: no report is due after this one.
    await h.db
      .withSchema('content')
      .updateTable('posts')
      .set({ published_at: new Date(Date.now() - (INSIGHTS_HOURS + 1) * 3_600_000) })
      .where('id', '=', post.id)
      .execute();
    server.setExpired(a.token, true);

    expect(await worker.reportEngagement()).toBe(1);
    expect(insightsReads(post.external_id!)).toEqual([400]);
    expect((await postRow(post.id)).metrics_next_at).toBeNull();
    expect(await worker.reportEngagement()).toBe(0);
    expect(insightsReads(post.external_id!)).toEqual([400]);
  });

  it('stops retrying server errors a day after the report window ended: the reports end, counted skipped', async () => {
    const a = ACCOUNTS.gone;
    const post = await publishedPost(a);
    // The window (THREADS_INSIGHTS_HOURS) ended 25 hours ago.
    await h.db
      .withSchema('content')
      .updateTable('posts')
      .set({ published_at: new Date(Date.now() - (INSIGHTS_HOURS + 25) * 3_600_000) })
      .where('id', '=', post.id)
      .execute();
    server.failNext('insights', 1, 'server-error');
    const skippedBefore = await reportsCounted('skipped');

    expect(await worker.reportEngagement()).toBe(1);
    expect(insightsReads(post.external_id!)).toEqual([500]);
    expect((await postRow(post.id)).metrics_next_at).toBeNull();
    expect(await reportsCounted('skipped')).toBe(skippedBefore + 1);
    expect(await worker.reportEngagement()).toBe(0);
  });

  it('retries a report that failed with a server error after the claim lease, and counts it failed', async () => {
    const a = ACCOUNTS.unavailable;
    const post = await publishedPost(a);
    server.failNext('insights', 1, 'server-error');
    const failedBefore = await reportsCounted('failed');

    const before = Date.now();
    expect(await worker.reportEngagement()).toBe(1);
    const after = Date.now();
    expect(insightsReads(post.external_id!)).toEqual([500]);
    const leaseEnd = (await postRow(post.id)).metrics_next_at!.getTime();
    // Claimed for the lease (Postgres' clock, a little slack around the test's).
    expect(leaseEnd).toBeGreaterThan(before + LEASE_MS - 5000);
    expect(leaseEnd).toBeLessThan(after + LEASE_MS + 5000);
    expect(await reportsCounted('failed')).toBe(failedBefore + 1);

    // The lease ends: the report is asked again and recorded, the next one an interval later.
    server.setInsights(post.external_id!, { views: 300 });
    await makeDue(post.id);
    expect(await worker.reportEngagement()).toBe(1);
    expect(insightsReads(post.external_id!)).toEqual([500, 200]);
    expect(await impressionsOf(post.id)).toBe(300);
    expect((await postRow(post.id)).metrics_next_at!.getTime()).toBeGreaterThan(Date.now() + LEASE_MS);
  });
});
