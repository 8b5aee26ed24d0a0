import { randomBytes } from 'node:crypto';
import type { PostRow } from '../../../subgraphs/content/src/db/database';
import { startContentWorker } from '../../../subgraphs/content/src/worker';
import type { ContentWorker } from '../../../subgraphs/content/src/worker';
import { eventually } from '../../support/eventually';
import type { RecordedThreadsRequest, ThreadsServer } from '../../support/threads-server';
import { PUBLICATION_FIELDS, insertPersona, insertPost } from './harness';
import type { ContentHarness, PublicationView } from './harness';
import { startThreadsContent, threadsAccount } from './threads-harness';
import type { ThreadsTestAccount } from './threads-harness';

const ACCOUNTS = {
  first: threadsAccount('threads-first'),
  limited: threadsAccount('threads-limited'),
  unavailable: threadsAccount('threads-unavailable'),
  exhausted: threadsAccount('threads-exhausted'),
  expired: threadsAccount('threads-expired'),
  long: threadsAccount('threads-long'),
  emoji: threadsAccount('threads-emoji'),
  lost: threadsAccount('threads-lost-media'),
  stale: threadsAccount('threads-stale-container'),
  unreadable: threadsAccount('threads-unreadable-media'),
  insights: threadsAccount('threads-insights'),
};
const NO_ACCOUNT_PERSONA = 'threads-no-account';

const PUBLISH = `mutation($id: ID!) { publishPost(id: $id) { ${PUBLICATION_FIELDS} } }`;
const POST = `query($id: ID!) { post(id: $id) { ${PUBLICATION_FIELDS} } }`;


/** Time allowed for the worker to publish or fail (ms). */
const SETTLE_MS = 10_000;
/** Each reply of the fake Threads is this late (ms), so `publishPost` returns before the worker is done. */
const LATENCY_MS = 100;

describe('publishing to the Threads API (PUBLISHER=threads)', () => {
  let server: ThreadsServer;
  let h: ContentHarness;
  let worker: ContentWorker;
  const personaIds = new Map<string, string>();

  beforeAll(async () => {
    ({ server, h } = await startThreadsContent(Object.values(ACCOUNTS), {
      latencyMs: LATENCY_MS,
      expired: [ACCOUNTS.expired],
      env: { PUBLISH_RETRY_DELAYS_MS: '50', PUBLISH_MAX_DELIVER: '4', THREADS_INSIGHTS_INTERVAL_MS: '100', ENGAGEMENT_POLL_INTERVAL_MS: '100' },
    }));
    worker = await startContentWorker(h.config);
    for (const name of [...Object.values(ACCOUNTS).map((a) => a.persona), NO_ACCOUNT_PERSONA]) personaIds.set(name, await insertPersona(h.db, name));
  });

  afterAll(async () => {
    await worker?.stop();
    await h?.stop();
    await server?.close();
  });

  async function draft(persona: string, hook = `A hook of ${persona} ${randomBytes(4).toString('hex')}`): Promise<PostRow> {
    return insertPost(h.db, { personaId: personaIds.get(persona)!, hook });
  }

  async function publish(postId: string): Promise<PublicationView> {
    return (await h.data<{ publishPost: PublicationView }>(PUBLISH, { id: postId })).publishPost;
  }

  async function readPost(postId: string): Promise<PublicationView> {
    const { post } = await h.data<{ post: PublicationView | null }>(POST, { id: postId });
    if (!post) throw new Error(`no post ${postId}`);
    return post;
  }

  /** The post once the worker is done with it (PUBLISHED or PUBLISH_FAILED). */
  async function settled(postId: string): Promise<PublicationView> {
    return eventually(async () => {
      const post = await readPost(postId);
      return post.status === 'PUBLISHED' || post.status === 'PUBLISH_FAILED' ? post : undefined;
    }, SETTLE_MS);
  }

  async function postRow(postId: string): Promise<PostRow> {
    return h.db.withSchema('content').selectFrom('posts').selectAll().where('id', '=', postId).executeTakeFirstOrThrow();
  }

  /** Requests made with the account's token (in the header), insights reads left out unless asked. */
  function requestsOf(a: ThreadsTestAccount, withInsights = false): RecordedThreadsRequest[] {
    return server.requests.filter((r) => r.authorization === `Bearer ${a.token}` && (withInsights || !r.path.endsWith('/insights')));
  }

  /** `METHOD path status` of the account's calls, ids named: `{user}`, `{container}`, `{media}`. */
  function callsOf(a: ThreadsTestAccount): string[] {
    const names = new Map<string, string>([[a.userId, '{user}']]);
    for (const c of server.containers.values()) names.set(c.id, '{container}');
    for (const m of server.media.values()) names.set(m.id, '{media}');
    return requestsOf(a).map((r) => `${r.method} ${r.path.replace(/\d{8,}/g, (id) => names.get(id) ?? id)} ${r.status}`);
  }

  /** A call to the fake Threads as an earlier attempt of the publisher made it (form body, bearer token). */
  async function graph(a: ThreadsTestAccount, path: string, params: Record<string, string>): Promise<{ id: string }> {
    const res = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${a.token}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(params).toString(),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string };
  }

  it('publishes a draft as one container then one publication, with the permalink, and the token only in the Authorization header', async () => {
    const a = ACCOUNTS.first;
    const post = await draft(a.persona);
    const queued = await publish(post.id);
    expect(queued).toMatchObject({ status: 'PUBLISHING', publisher: null, externalId: null, publishError: null });

    const done = await settled(post.id);
    const [container, ...otherContainers] = [...server.containers.values()].filter((c) => c.userId === a.userId);
    const [media, ...otherMedia] = server.published.filter((m) => m.userId === a.userId);
    expect(otherContainers).toEqual([]);
    expect(otherMedia).toEqual([]);
    expect(container).toMatchObject({ mediaType: 'TEXT', text: `${post.hook}\n\n${post.body}`, status: 'PUBLISHED', mediaId: media?.id });
    expect(media?.permalink).toMatch(new RegExp(`^https://www\\.threads\\.net/@${a.persona}/post/[\\w-]{11}$`));
    expect(done).toMatchObject({ status: 'PUBLISHED', publisher: 'threads', externalId: media!.id, url: media!.permalink, publishError: null });
    expect(new Date(done.publishedAt!).getTime()).toBe(new Date(media!.timestamp).getTime());
    expect((await postRow(post.id)).publish_container_id).toBe(container!.id);

    expect(callsOf(a)).toEqual(['POST /v1.0/{user}/threads 200', 'POST /v1.0/{user}/threads_publish 200', 'GET /v1.0/{media} 200']);
    const [create, publication, read] = requestsOf(a);
    expect(create?.contentType).toBe('application/x-www-form-urlencoded');
    expect(create?.params).toEqual({ media_type: 'TEXT', text: `${post.hook}\n\n${post.body}` });
    expect(publication?.params).toEqual({ creation_id: container!.id });
    expect(read?.params).toEqual({ fields: 'id,permalink,timestamp' });
    const everything = server.requests.filter((r) => r.path.includes(a.userId) || r.path.includes(media!.id));
    expect(everything.length).toBeGreaterThanOrEqual(3);
    for (const request of everything) {
      expect(request.authorization).toBe(`Bearer ${a.token}`);
      expect(request.url).not.toContain(a.token);
      expect(request.body).not.toContain(a.token);
      expect(request.params).not.toHaveProperty('access_token');
    }
  });

  it('retries a rate-limited publication on the same container and publishes it once', async () => {
    const a = ACCOUNTS.limited;
    server.failNextPublishes(2, 'rate-limit');
    const post = await draft(a.persona);
    await publish(post.id);

    const done = await settled(post.id);
    const containers = [...server.containers.values()].filter((c) => c.userId === a.userId);
    const published = server.published.filter((m) => m.userId === a.userId);
    expect(containers).toHaveLength(1);
    expect(published).toHaveLength(1);
    expect(published[0]?.containerId).toBe(containers[0]?.id);
    expect(done).toMatchObject({ status: 'PUBLISHED', externalId: published[0]!.id, url: published[0]!.permalink, publishError: null });
    expect(callsOf(a)).toEqual([
      'POST /v1.0/{user}/threads 200',
      'POST /v1.0/{user}/threads_publish 400',
      'GET /v1.0/{container} 200',
      'POST /v1.0/{user}/threads_publish 400',
      'GET /v1.0/{container} 200',
      'POST /v1.0/{user}/threads_publish 200',
      'GET /v1.0/{media} 200',
    ]);
    expect(requestsOf(a).filter((r) => r.path.endsWith('/threads_publish')).map((r) => r.params.creation_id)).toEqual([containers[0]!.id, containers[0]!.id, containers[0]!.id]);
  });

  it('retries a publication the server failed with a 5xx', async () => {
    const a = ACCOUNTS.unavailable;
    server.failNextPublishes(1, 'server-error');
    const post = await draft(a.persona);
    await publish(post.id);

    const done = await settled(post.id);
    expect(done.status).toBe('PUBLISHED');
    expect(server.published.filter((m) => m.userId === a.userId).map((m) => m.id)).toEqual([done.externalId]);
    expect(callsOf(a)).toEqual([
      'POST /v1.0/{user}/threads 200',
      'POST /v1.0/{user}/threads_publish 500',
      'GET /v1.0/{container} 200',
      'POST /v1.0/{user}/threads_publish 200',
      'GET /v1.0/{media} 200',
    ]);
  });

  it('gives up after PUBLISH_MAX_DELIVER rate-limited attempts: PUBLISH_FAILED with the Graph API error', async () => {
    const a = ACCOUNTS.exhausted;
    server.failNextPublishes(4, 'rate-limit');
    const post = await draft(a.persona);
    await publish(post.id);

    const done = await settled(post.id);
    expect(done).toMatchObject({ status: 'PUBLISH_FAILED', externalId: null, url: null, publishedAt: null });
    expect(done.publishError).toMatch(/^RATE_LIMITED: /);
    expect(done.publishError).toContain('(#4) Application request limit reached');
    expect(done.publishError).toContain('code 4');
    expect(requestsOf(a).filter((r) => r.path.endsWith('/threads_publish')).map((r) => r.status)).toEqual([400, 400, 400, 400]);
    expect(server.published.filter((m) => m.userId === a.userId)).toEqual([]);
  });

  it('fails at once on an expired token (TOKEN_EXPIRED, code 190), and publishPost queues the failed post again', async () => {
    const a = ACCOUNTS.expired;
    const post = await draft(a.persona);
    await publish(post.id);

    const failed = await settled(post.id);
    expect(failed.status).toBe('PUBLISH_FAILED');
    expect(failed.publishError).toMatch(/^TOKEN_EXPIRED: /);
    expect(failed.publishError).toContain('Error validating access token: Session has expired');
    expect(failed.publishError).toContain('code 190/463');
    // A final error is not retried: still one call after several retry delays.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(callsOf(a)).toEqual(['POST /v1.0/{user}/threads 400']);

    const again = await publish(post.id);
    expect(again).toMatchObject({ status: 'PUBLISHING', publishError: null });
    const failedAgain = await settled(post.id);
    expect(failedAgain.publishError).toContain('TOKEN_EXPIRED');
    expect(callsOf(a)).toEqual(['POST /v1.0/{user}/threads 400', 'POST /v1.0/{user}/threads 400']);
    expect([...server.containers.values()].filter((c) => c.userId === a.userId)).toEqual([]);
  });

  it('fails a post of a persona without a Threads account, naming THREADS_ACCOUNTS', async () => {
    const post = await draft(NO_ACCOUNT_PERSONA);
    await publish(post.id);

    const done = await settled(post.id);
    expect(done.status).toBe('PUBLISH_FAILED');
    expect(done.publishError).toMatch(/^THREADS_REJECTED: /);
    expect(done.publishError).toContain(NO_ACCOUNT_PERSONA);
    expect(done.publishError).toContain('THREADS_ACCOUNTS');
    expect(server.requests.filter((r) => r.params.text?.includes(post.hook))).toEqual([]);
  });

  it('fails a text over 500 characters without calling Threads', async () => {
    const a = ACCOUNTS.long;
    const post = await draft(a.persona, 'A hook that goes on and on. '.repeat(20));
    expect(`${post.hook}\n\n${post.body}`.length).toBeGreaterThan(500);
    await publish(post.id);

    const done = await settled(post.id);
    expect(done.status).toBe('PUBLISH_FAILED');
    expect(done.publishError).toMatch(/^THREADS_REJECTED: /);
    expect(done.publishError).toContain('at most 500');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(requestsOf(a, true)).toEqual([]);
  });

  it('counts emoji as their UTF-8 bytes, as Threads does, and fails a text over the limit without calling Threads', async () => {
    const a = ACCOUNTS.emoji;
    // 409 code points, 709 by Threads' count.
    const post = await draft(a.persona, `${'🙏'.repeat(100)}${'a'.repeat(300)}`);
    await publish(post.id);

    const done = await settled(post.id);
    expect(done.status).toBe('PUBLISH_FAILED');
    expect(done.publishError).toMatch(/^THREADS_REJECTED: /);
    expect(done.publishError).toContain('counts 709 characters (an emoji as its UTF-8 bytes); Threads takes at most 500');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(requestsOf(a, true)).toEqual([]);
    expect(server.published.filter((m) => m.userId === a.userId)).toEqual([]);
  });

  it('does not publish twice a container an earlier attempt published but whose media id was lost (ALREADY_PUBLISHED)', async () => {
    const a = ACCOUNTS.lost;
    const post = await draft(a.persona);
    // The earlier attempt: container made and saved, published, then the media id lost with the attempt.
    const container = await graph(a, `/${a.userId}/threads`, { media_type: 'TEXT', text: `${post.hook}\n\n${post.body}` });
    await graph(a, `/${a.userId}/threads_publish`, { creation_id: container.id });
    await h.db.withSchema('content').updateTable('posts').set({ publish_container_id: container.id }).where('id', '=', post.id).execute();
    const before = requestsOf(a).length;

    await publish(post.id);
    const done = await settled(post.id);
    expect(done).toMatchObject({ status: 'PUBLISH_FAILED', externalId: null, url: null });
    expect(done.publishError).toMatch(/^ALREADY_PUBLISHED: /);
    expect(done.publishError).toContain(container.id);
    expect(server.published.filter((m) => m.containerId === container.id)).toHaveLength(1);
    expect(server.published.filter((m) => m.userId === a.userId)).toHaveLength(1);
    expect(callsOf(a).slice(before)).toEqual(['GET /v1.0/{container} 200']);
    expect(requestsOf(a)[before]?.params).toEqual({ fields: 'id,status' });
  });

  it('makes a new container when the saved one expired, and publishes that one', async () => {
    const a = ACCOUNTS.stale;
    const post = await draft(a.persona);
    const old = await graph(a, `/${a.userId}/threads`, { media_type: 'TEXT', text: `${post.hook}\n\n${post.body}` });
    server.setContainerStatus(old.id, 'EXPIRED');
    await h.db.withSchema('content').updateTable('posts').set({ publish_container_id: old.id }).where('id', '=', post.id).execute();

    await publish(post.id);
    const done = await settled(post.id);
    expect(done.status).toBe('PUBLISHED');
    const containers = [...server.containers.values()].filter((c) => c.userId === a.userId);
    expect(containers.map((c) => c.status)).toEqual(['EXPIRED', 'PUBLISHED']);
    const fresh = containers[1]!;
    expect(server.published.filter((m) => m.userId === a.userId).map((m) => [m.id, m.containerId])).toEqual([[done.externalId, fresh.id]]);
    expect((await postRow(post.id)).publish_container_id).toBe(fresh.id);
  });

  it('keeps a publication whose permalink could not be read (the post is on Threads once, PUBLISHED with its media id)', async () => {
    const a = ACCOUNTS.unreadable;
    server.failNext('read', 1, 'server-error');
    const post = await draft(a.persona);
    await publish(post.id);

    const done = await settled(post.id);
    const published = server.published.filter((m) => m.userId === a.userId);
    expect(published).toHaveLength(1);
    expect(done).toMatchObject({ status: 'PUBLISHED', publisher: 'threads', externalId: published[0]!.id, publishError: null });
    // No permalink was read: the address falls back to the media id.
    expect(done.url).toBe(`https://www.threads.net/post/${published[0]!.id}`);
    expect(done.publishedAt).not.toBeNull();
    expect(callsOf(a)).toEqual(['POST /v1.0/{user}/threads 200', 'POST /v1.0/{user}/threads_publish 200', 'GET /v1.0/{media} 500']);
  });

  it('feeds the Threads insights back as the post engagement', async () => {
    const a = ACCOUNTS.insights;
    const post = await draft(a.persona);
    await publish(post.id);
    const done = await settled(post.id);
    expect(done.status).toBe('PUBLISHED');
    const mediaId = done.externalId!;

    // The first reports read a new post: no views yet.
    const empty = await eventually(async () => ((await readPost(post.id)).engagement ? readPost(post.id) : undefined), SETTLE_MS);
    expect(empty.engagement).toMatchObject({ impressions: 0, likes: 0, replies: 0, reposts: 0, engagementRate: null });

    server.setInsights(mediaId, { views: 1000, likes: 40, replies: 8, reposts: 2 });
    const reported = await eventually(async () => {
      const current = await readPost(post.id);
      // The post row and its engagement are read apart: wait until both show the report.
      return current.engagement?.impressions === 1000 && current.engagementRate !== null ? current : undefined;
    }, SETTLE_MS);
    expect(reported.engagement).toMatchObject({ impressions: 1000, likes: 40, replies: 8, reposts: 2 });
    expect(reported.engagement?.engagementRate).toBeCloseTo(0.05, 10);
    expect(reported.engagementRate).toBeCloseTo(0.05, 10);

    const insights = requestsOf(a, true).filter((r) => r.path === `/v1.0/${mediaId}/insights`);
    expect(insights.length).toBeGreaterThanOrEqual(2);
    expect(insights[0]).toMatchObject({ method: 'GET', params: { metric: 'views,likes,replies,reposts' }, status: 200 });
  });

  it('never sent an access token in a URL or a body', () => {
    expect(server.requests.length).toBeGreaterThan(20);
    for (const request of server.requests) {
      for (const a of Object.values(ACCOUNTS)) {
        expect(request.url).not.toContain(a.token);
        expect(request.body).not.toContain(a.token);
      }
      expect(request.params).not.toHaveProperty('access_token');
      expect(request.authorization).toMatch(/^Bearer THAA[0-9a-f]{48}$/);
    }
  });
});
