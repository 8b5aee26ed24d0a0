import { randomBytes } from 'node:crypto';
import type { PostRow } from '../../../subgraphs/content/src/db/database';
import { enqueuePublication } from '../../../subgraphs/content/src/messaging/publish-queue';
import { startContentWorker } from '../../../subgraphs/content/src/worker';
import type { ContentWorker } from '../../../subgraphs/content/src/worker';
import { eventually } from '../../support/eventually';
import { TEST_NATS } from '../../support/nats';
import type { ThreadsServer } from '../../support/threads-server';
import { PUBLICATION_FIELDS, insertPersona, insertPost, jobsLastSeq, storedEvents } from './harness';
import type { ContentHarness, PublicationView } from './harness';
import { startThreadsContent, threadsAccount } from './threads-harness';

const { subjects } = TEST_NATS;
const EVENTS_STREAM = TEST_NATS.streams.events;
const JOBS_STREAM = TEST_NATS.streams.jobs;

const PUBLISH = `mutation($id: ID!) { publishPost(id: $id) { ${PUBLICATION_FIELDS} } }`;
const POST = `query($id: ID!) { post(id: $id) { ${PUBLICATION_FIELDS} } }`;

/** Each reply of the fake Threads is this late (ms): a second delivery arrives while the first is still publishing. */
const LATENCY_MS = 300;

interface PublishedEvent {
  data: { postId: string; externalId: string };
}

describe('publishing to the Threads API exactly once (PUBLISHER=threads)', () => {
  const account = threadsAccount('threads-once');
  const { persona, userId } = account;
  let server: ThreadsServer;
  let h: ContentHarness;
  let worker: ContentWorker;
  let personaId: string;
  let eventsFrom: number;

  beforeAll(async () => {
    ({ server, h } = await startThreadsContent([account], {
      latencyMs: LATENCY_MS,
      // Two publications at once, so that two messages of one post are handled side by side.
      env: { PUBLISH_RETRY_DELAYS_MS: '50', PUBLISH_CONCURRENCY: '2', ENGAGEMENT_POLL_INTERVAL_MS: '3600000' },
    }));
    worker = await startContentWorker(h.config);
    personaId = await insertPersona(h.db, persona);
    eventsFrom = (await h.jsm.streams.info(EVENTS_STREAM)).state.last_seq;
  });

  afterAll(async () => {
    await worker?.stop();
    await h?.stop();
    await server?.close();
  });

  async function draft(): Promise<PostRow> {
    return insertPost(h.db, { personaId, hook: `A hook ${randomBytes(4).toString('hex')}` });
  }

  async function published(postId: string): Promise<PublicationView> {
    return eventually(async () => {
      const { post } = await h.data<{ post: PublicationView }>(POST, { id: postId });
      return post.status === 'PUBLISHED' || post.status === 'PUBLISH_FAILED' ? post : undefined;
    });
  }

  /** `POST /threads` (container creations) and `POST /threads_publish` calls made for a post's text, by endpoint. */
  function callsFor(post: PostRow): { create: number; publish: number } {
    const text = `${post.hook}\n\n${post.body}`;
    const containers = new Set([...server.containers.values()].filter((c) => c.text === text).map((c) => c.id));
    return {
      create: server.requests.filter((r) => r.method === 'POST' && r.path === `/v1.0/${userId}/threads` && r.params.text === text).length,
      publish: server.requests.filter((r) => r.method === 'POST' && r.path === `/v1.0/${userId}/threads_publish` && containers.has(r.params.creation_id ?? '')).length,
    };
  }

  const publishedEvents = async (postId: string) =>
    (await storedEvents<PublishedEvent>(h.jsm, EVENTS_STREAM, subjects.postPublished, eventsFrom)).filter((e) => e.data.postId === postId);

  /** Waits until every JOBS message stored after `afterSeq` was acknowledged (the work queue deletes it). */
  async function allAcknowledged(afterSeq: number): Promise<void> {
    const last = await jobsLastSeq(h.jsm);
    for (let seq = afterSeq + 1; seq <= last; seq++) {
      await eventually(async () => ((await h.jsm.streams.getMessage(JOBS_STREAM, { seq })) === null ? true : undefined));
    }
  }

  it('makes one container and one publication, and emits one post.published, when publishPost is called twice at once', async () => {
    const post = await draft();
    const from = await jobsLastSeq(h.jsm);
    const [first, second] = await Promise.all([h.gql<{ publishPost: PublicationView }>(PUBLISH, { id: post.id }), h.gql<{ publishPost: PublicationView }>(PUBLISH, { id: post.id })]);
    for (const response of [first, second]) {
      expect(response.errors).toBeUndefined();
      expect(response.data?.publishPost.status).toBe('PUBLISHING');
    }
    const done = await published(post.id);
    expect(done.status).toBe('PUBLISHED');
    await allAcknowledged(from);
    expect(callsFor(post)).toEqual({ create: 1, publish: 1 });
    expect(server.published.filter((m) => m.text === `${post.hook}\n\n${post.body}`).map((m) => m.id)).toEqual([done.externalId]);
    const events = await eventually(async () => ((await publishedEvents(post.id)).length > 0 ? publishedEvents(post.id) : undefined));
    expect(events.map((e) => e.data.externalId)).toEqual([done.externalId]);
  });

  it('makes one container and one publication when the publication message is delivered again while the first delivery is publishing', async () => {
    const post = await draft();
    const from = await jobsLastSeq(h.jsm);
    const queued = (await h.data<{ publishPost: PublicationView }>(PUBLISH, { id: post.id })).publishPost;
    expect(queued.status).toBe('PUBLISHING');
    // The same publication again (another message id, so JetStream keeps it), handled beside the first.
    const { publish_requested_at: requestedAt } = await h.db.withSchema('content').selectFrom('posts').select('publish_requested_at').where('id', '=', post.id).executeTakeFirstOrThrow();
    await enqueuePublication(h.js, subjects, post.id, new Date(requestedAt!.getTime() + 1));

    const done = await published(post.id);
    expect(done.status).toBe('PUBLISHED');
    await allAcknowledged(from);
    expect(callsFor(post)).toEqual({ create: 1, publish: 1 });
    expect(await publishedEvents(post.id)).toHaveLength(1);
    expect((await h.data<{ post: PublicationView }>(POST, { id: post.id })).post).toMatchObject({ status: 'PUBLISHED', externalId: done.externalId, publishError: null });
  });

  it('calls Threads no more when the publication message is delivered again after the post was published', async () => {
    const post = await draft();
    await h.data(PUBLISH, { id: post.id });
    const done = await published(post.id);
    const requestsBefore = server.requests.length;
    const from = await jobsLastSeq(h.jsm);
    await enqueuePublication(h.js, subjects, post.id, new Date(Date.now() + 1000));
    await allAcknowledged(from);
    expect(server.requests.length).toBe(requestsBefore);
    expect(callsFor(post)).toEqual({ create: 1, publish: 1 });
    expect(await publishedEvents(post.id)).toHaveLength(1);
    expect((await h.data<{ post: PublicationView }>(POST, { id: post.id })).post).toMatchObject({ status: 'PUBLISHED', externalId: done.externalId });
  });
});
