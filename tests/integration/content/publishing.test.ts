import { randomUUID } from 'node:crypto';
import { simulatedOutcome } from '../../../subgraphs/content/src/domain/simulated-threads';
import { postText } from '../../../subgraphs/content/src/domain/post-text';
import { enqueuePublication } from '../../../subgraphs/content/src/messaging/publish-queue';
import { startContentWorker } from '../../../subgraphs/content/src/worker';
import type { ContentWorker } from '../../../subgraphs/content/src/worker';
import { eventually } from '../../support/eventually';
import { errorCode } from '../../support/graphql';
import { TEST_NATS } from '../../support/nats';
import { PUBLICATION_FIELDS, insertPersona, insertPost, jobsLastSeq, startContentHarness, storedEvents } from './harness';
import type { ContentHarness, PublicationView } from './harness';

const { subjects } = TEST_NATS;
const EVENTS_STREAM = TEST_NATS.streams.events;
const JOBS_STREAM = TEST_NATS.streams.jobs;


interface PublishedEvent {
  id: string;
  data: { postId: string; personaId: string; publisher: string; externalId: string; url: string; publishedAt: string };
}

interface EngagementEvent {
  data: { postId: string; impressions: number; likes: number; replies: number; reposts: number; follows: number };
}

describe('publishing to the simulated Threads', () => {
  let h: ContentHarness;
  let worker: ContentWorker;
  let personaId: string;
  let eventsFrom: number;

  beforeAll(async () => {
    // 60 simulated hours a second: a post's 6 simulated hours pass in 100 ms, reported every 20 ms.
    h = await startContentHarness({ SIMULATED_HOURS_PER_SECOND: '60', ENGAGEMENT_POLL_INTERVAL_MS: '20' });
    worker = await startContentWorker(h.config);
    personaId = await insertPersona(h.db, 'ai-publisher');
    eventsFrom = (await h.jsm.streams.info(EVENTS_STREAM)).state.last_seq;
  });

  afterAll(async () => {
    await worker?.stop();
    await h?.stop();
  });

  const publish = (id: string) => h.gql<{ publishPost: PublicationView }>(`mutation($id: ID!) { publishPost(id: $id) { ${PUBLICATION_FIELDS} } }`, { id });
  const read = async (id: string) => (await h.data<{ post: PublicationView }>(`query($id: ID!) { post(id: $id) { ${PUBLICATION_FIELDS} } }`, { id })).post;
  const publishedEvents = async (postId: string) =>
    (await storedEvents<PublishedEvent>(h.jsm, EVENTS_STREAM, subjects.postPublished, eventsFrom)).filter((e) => e.data.postId === postId);
  const engagementEvents = async (postId: string) =>
    (await storedEvents<EngagementEvent>(h.jsm, EVENTS_STREAM, subjects.postEngagement, eventsFrom)).filter((e) => e.data.postId === postId);

  it('publishes a draft once when publishPost is called twice', async () => {
    const post = await insertPost(h.db, { personaId, hook: 'Is patience a skill?' });
    expect((await read(post.id)).status).toBe('DRAFT');
    const [first, second] = await Promise.all([publish(post.id), publish(post.id)]);
    for (const response of [first, second]) {
      expect(response.errors).toBeUndefined();
      expect(['PUBLISHING', 'PUBLISHED']).toContain(response.data?.publishPost.status);
    }
    const published = await eventually(async () => {
      const view = await read(post.id);
      return view.status === 'PUBLISHED' ? view : undefined;
    });
    const externalId = `sim-${post.id.replace(/-/g, '').slice(0, 20)}`;
    expect(published).toMatchObject({ publisher: 'simulated', externalId, url: `https://threads.example/@ai-publisher/post/${externalId}`, publishError: null });
    expect(Date.parse(published.publishedAt!)).toBeGreaterThan(post.created_at.getTime() - 1);
    const events = await eventually(async () => ((await publishedEvents(post.id)).length > 0 ? publishedEvents(post.id) : undefined));
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toMatchObject({ personaId, publisher: 'simulated', externalId, url: published.url, publishedAt: published.publishedAt });
    // Once published, publishPost returns the post unchanged.
    expect((await publish(post.id)).data?.publishPost).toMatchObject({ status: 'PUBLISHED', externalId, publishedAt: published.publishedAt });
  });

  it("records each published post's cost per follow, the seed's fake-threads figure, on the worker's /metrics once", async () => {
    const histogram = async () => {
      const text = await (await fetch(`http://127.0.0.1:${worker.adminPort}/metrics`)).text();
      const value = (series: string) =>
        Number(text.split('\n').find((l) => l.startsWith(`content_publication_cost_per_follow_usd_${series}{`) && l.includes('publisher="simulated"'))?.split(' ').pop() ?? 0);
      return { count: value('count'), sum: value('sum') };
    };
    const before = await histogram();
    const post = await insertPost(h.db, { personaId, hook: 'What does a follower cost?' });
    await Promise.all([publish(post.id), publish(post.id)]);
    await eventually(async () => ((await read(post.id)).status === 'PUBLISHED' ? true : undefined));
    const expected = simulatedOutcome(post.id, postText(post.hook, post.body)).costPerFollowUsd;
    expect(expected).toBeGreaterThanOrEqual(0.0075);
    // Observed just after the commit that made the post PUBLISHED.
    const after = await eventually(async () => {
      const now = await histogram();
      return now.count > before.count ? now : undefined;
    });
    expect(after.count).toBe(before.count + 1);
    expect(after.sum - before.sum).toBeCloseTo(expected, 6);
  });

  it('publishes nothing more when the publish message is delivered again', async () => {
    const post = await insertPost(h.db, { personaId, hook: 'A second post' });
    await publish(post.id);
    const published = await eventually(async () => {
      const view = await read(post.id);
      return view.status === 'PUBLISHED' ? view : undefined;
    });
    // A message with another id (not dropped by JetStream's duplicate window) for the same post.
    const before = await jobsLastSeq(h.jsm);
    await enqueuePublication(h.js, subjects, post.id, new Date(Date.now() + 1000));
    await eventually(async () => ((await h.jsm.streams.getMessage(JOBS_STREAM, { seq: before + 1 })) === null ? true : undefined));
    expect(await read(post.id)).toMatchObject({ status: 'PUBLISHED', publishedAt: published.publishedAt, externalId: published.externalId });
    expect(await publishedEvents(post.id)).toHaveLength(1);
  });

  it("reports the seed's simulated engagement hour by hour through recordEngagement's path", async () => {
    const post = await insertPost(h.db, { personaId, hook: 'What is the secret of calm?' });
    await publish(post.id);
    const outcome = simulatedOutcome(post.id, postText(post.hook, post.body));
    const final = await eventually(async () => {
      const view = await read(post.id);
      return view.engagement?.impressions === outcome.reach ? view : undefined;
    });
    expect(final.engagement!.follows).toBe(outcome.followers);
    expect(final.engagementRate!).toBeCloseTo(outcome.engagementRate, 2);
    // Every report went out as a post.engagement event (what experiments count), totals only growing.
    const events = await engagementEvents(post.id);
    expect(events.length).toBeGreaterThanOrEqual(2);
    const impressions = events.map((e) => e.data.impressions);
    expect(impressions).toEqual([...impressions].sort((a, b) => a - b));
    expect(impressions[impressions.length - 1]).toBe(outcome.reach);
    // After the simulated lifetime no more reports are due.
    const [row] = await h.db.withSchema('content').selectFrom('posts').select('metrics_next_at').where('id', '=', post.id).execute();
    expect(row?.metrics_next_at).toBeNull();
  });

  it('publishes the posts of an auto-publishing persona as soon as they are written', async () => {
    const { createPersona } = await h.data<{ createPersona: { id: string; autoPublish: boolean } }>(
      'mutation($input: CreatePersonaInput!) { createPersona(input: $input) { id autoPublish } }',
      { input: { name: 'ai-auto', emoji: '📣', tone: 'hype', autoPublish: true } },
    );
    expect(createPersona.autoPublish).toBe(true);
    const { generatePost } = await h.data<{ generatePost: { id: string } }>('mutation($input: GeneratePostInput!) { generatePost(input: $input) { id } }', {
      input: { personaId: createPersona.id, topic: `shipping every day ${randomUUID()}` },
    });
    const post = await eventually(async () => {
      const { generationJob } = await h.data<{ generationJob: { post: PublicationView | null } }>(`query($id: ID!) { generationJob(id: $id) { post { ${PUBLICATION_FIELDS} } } }`, { id: generatePost.id });
      return generationJob.post?.status === 'PUBLISHED' ? generationJob.post : undefined;
    });
    expect(post).toMatchObject({ publisher: 'simulated', publishError: null });
    expect(await publishedEvents(post.id)).toHaveLength(1);
  });

  it('edits drafts only, and publishes neither archived posts nor through updatePost', async () => {
    const draft = await insertPost(h.db, { personaId, hook: 'Draft hook' });
    const edited = await h.data<{ updatePost: { hook: string; status: string } }>('mutation($id: ID!) { updatePost(id: $id, input: { hook: "Edited hook" }) { hook status } }', { id: draft.id });
    expect(edited.updatePost).toEqual({ hook: 'Edited hook', status: 'DRAFT' });
    const viaUpdate = await h.gql('mutation($id: ID!) { updatePost(id: $id, input: { status: PUBLISHED }) { id } }', { id: draft.id });
    expect(errorCode(viaUpdate)).toBe('BAD_USER_INPUT');

    await publish(draft.id);
    await eventually(async () => ((await read(draft.id)).status === 'PUBLISHED' ? true : undefined));
    const late = await h.gql('mutation($id: ID!) { updatePost(id: $id, input: { body: "Too late" }) { id } }', { id: draft.id });
    expect(errorCode(late)).toBe('CONFLICT');
    expect(late.errors?.[0]?.message).toBe(`Post ${draft.id} is PUBLISHED: only drafts can be edited`);
    const archived = await h.data<{ updatePost: { status: string } }>('mutation($id: ID!) { updatePost(id: $id, input: { status: ARCHIVED }) { status } }', { id: draft.id });
    expect(archived.updatePost.status).toBe('ARCHIVED');
    expect(errorCode(await h.gql('mutation($id: ID!) { updatePost(id: $id, input: { status: DRAFT }) { id } }', { id: draft.id }))).toBe('CONFLICT');
    expect(errorCode(await publish(draft.id))).toBe('CONFLICT');
    expect(errorCode(await publish(randomUUID()))).toBe('NOT_FOUND');
  });
});
