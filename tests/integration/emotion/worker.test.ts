import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection, Subscription } from '@nats-io/nats-core';
import { trajectoryCreatedData } from '../../../lib/events';
import type { PostCreatedData } from '../../../lib/events';
import { connectNats, parseCloudEvent } from '../../../lib/nats';
import type { CloudEvent } from '../../../lib/nats';
import { analyzeText } from '../../../subgraphs/emotion/src/domain/analyze-text';
import { loadEmotionModel } from '../../../subgraphs/emotion/src/operations/load-emotion-model';
import { startEmotionWorker } from '../../../subgraphs/emotion/src/worker';
import type { RunningEmotionWorker } from '../../../subgraphs/emotion/src/worker';
import { queryRows } from '../../support/database';
import { eventually } from '../../support/eventually';
import { TEST_NATS, natsUrl } from '../../support/nats';
import { publishPostCreated, startEmotionContext } from './support';
import type { EmotionTestContext } from './support';

const { subjects } = TEST_NATS;
const EVENTS_STREAM = TEST_NATS.streams.events;

type TrajectoryCreated = CloudEvent<{ trajectoryId: string; postId: string; jobId: string | null }>;

describe('emotion worker', () => {
  let ctx: EmotionTestContext;
  let worker: RunningEmotionWorker;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let subscription: Subscription;
  const created: TrajectoryCreated[] = [];
  const personaId = randomUUID();

  beforeAll(async () => {
    ctx = await startEmotionContext();
    worker = await startEmotionWorker(ctx.config);
    nc = await connectNats(natsUrl(), 'emotion-worker-test');
    js = jetstream(nc);
    subscription = nc.subscribe(subjects.trajectoryCreated('*'));
    void (async () => {
      for await (const msg of subscription) created.push(parseCloudEvent(msg.data, trajectoryCreatedData));
    })();
    await nc.flush();
  });

  afterAll(async () => {
    subscription?.unsubscribe();
    await worker?.stop();
    if (nc) {
      await (await jetstreamManager(nc)).consumers.delete(EVENTS_STREAM, ctx.config.EMOTION_CONSUMER_DURABLE).catch(() => undefined);
      await nc.drain();
    }
    await ctx?.stop();
  });

  function post(text: string, overrides: Partial<PostCreatedData> = {}): PostCreatedData {
    return { postId: randomUUID(), personaId, jobId: randomUUID(), text, variantId: null, ...overrides };
  }

  /** A text no other test (or suite) publishes, so its hash is ours alone: digits are no tokens, and they join the first segment. */
  function uniqueText(body: string): string {
    return `${randomUUID().replace(/\D/g, '')} ${body}`;
  }

  async function linkOf(postId: string): Promise<{ trajectory_id: string } | undefined> {
    const [link] = await queryRows<{ trajectory_id: string }>(ctx.database.url, 'select trajectory_id from emotion.emotion_trajectory_posts where post_id = $1', [postId]);
    return link;
  }

  async function count(sql: string, params: unknown[]): Promise<number> {
    const [row] = await queryRows<{ n: number }>(ctx.database.url, sql, params);
    return row?.n ?? -1;
  }

  const eventsFor = (postId: string) => created.filter((e) => e.data.postId === postId);

  it('stores the trajectory of a new post with its segments and transitions, and announces it', async () => {
    const data = post(uniqueText('I was so scared this morning. Then my friends arrived and I felt safe!'));
    await publishPostCreated(js, data);

    const link = await eventually(() => linkOf(data.postId));
    const [trajectory] = await queryRows(ctx.database.url, 'select * from emotion.emotion_trajectories where id = $1', [link.trajectory_id]);
    expect(trajectory).toMatchObject({
      post_id: data.postId,
      persona_id: personaId,
      job_id: data.jobId,
      segment_count: 2,
      trajectory_type: 'RISING',
    });
    expect(trajectory?.peaks).toEqual([]);
    expect(await count('select count(*)::int as n from emotion.emotion_segments where trajectory_id = $1', [link.trajectory_id])).toBe(2);
    expect(await count('select count(*)::int as n from emotion.emotion_transitions where trajectory_id = $1', [link.trajectory_id])).toBeGreaterThan(0);

    const [event] = await eventually(async () => (eventsFor(data.postId).length > 0 ? eventsFor(data.postId) : undefined));
    expect(event?.id).toBe(`trajectory-created-${data.postId}`);
    expect(event?.data).toEqual({ trajectoryId: link.trajectory_id, postId: data.postId, personaId: data.personaId, jobId: data.jobId });
    expect(event?.source).toBe('/subgraphs/emotion');
  });

  it('stores one trajectory and one link when the same post event is delivered twice', async () => {
    const data = post(uniqueText('What a wonderful day. I love it.'));
    await publishPostCreated(js, data);
    const link = await eventually(() => linkOf(data.postId));
    await eventually(async () => (eventsFor(data.postId).length === 1 ? true : undefined));

    await publishPostCreated(js, data); // same data, new CloudEvent id: not deduplicated by NATS
    // The handler announces every delivery (JetStream then drops the repeat): wait for the second announcement.
    const events = await eventually(async () => (eventsFor(data.postId).length === 2 ? eventsFor(data.postId) : undefined));
    expect(events[1]?.id).toBe(events[0]?.id);
    expect(events[1]?.data.trajectoryId).toBe(link.trajectory_id);

    expect(await count('select count(*)::int as n from emotion.emotion_trajectory_posts where post_id = $1', [data.postId])).toBe(1);
    expect(await count('select count(*)::int as n from emotion.emotion_trajectories where post_id = $1', [data.postId])).toBe(1);
    expect(await count('select count(*)::int as n from emotion.emotion_segments where trajectory_id = $1', [link.trajectory_id])).toBe(2);
  });

  it('lets two posts with the same text (up to whitespace) share one trajectory', async () => {
    const text = uniqueText('Honestly this update is infuriating. I hate it.');
    const first = post(text);
    const second = post(`  ${text.replace(/\s+/g, '   ')}  `, { jobId: null });
    await publishPostCreated(js, first);
    const firstLink = await eventually(() => linkOf(first.postId));
    await publishPostCreated(js, second);
    const secondLink = await eventually(() => linkOf(second.postId));

    expect(secondLink.trajectory_id).toBe(firstLink.trajectory_id);
    expect(await count('select count(*)::int as n from emotion.emotion_trajectories where id = $1', [firstLink.trajectory_id])).toBe(1);

    const query = `query($id: ID!) { emotionTrajectory(postId: $id) { id postId trajectoryType dominantEmotion segments { text } } }`;
    const { data } = await ctx.gql<{ emotionTrajectory: { id: string; postId: string; dominantEmotion: string } }>(query, { id: second.postId });
    expect(data?.emotionTrajectory).toMatchObject({ id: firstLink.trajectory_id, postId: second.postId, dominantEmotion: 'ANGER' });
    const event = await eventually(async () => eventsFor(second.postId)[0]);
    expect(event.data).toEqual({ trajectoryId: firstLink.trajectory_id, postId: second.postId, personaId: second.personaId, jobId: null });
  });

  it('links posts with the same text handled at the same time to one trajectory', async () => {
    const text = uniqueText('We did it! I am so proud of this team.');
    const posts = Array.from({ length: 4 }, () => post(text));
    await Promise.all(posts.map((p) => publishPostCreated(js, p)));
    const links: Array<{ trajectory_id: string }> = [];
    for (const p of posts) links.push(await eventually(() => linkOf(p.postId)));
    expect(new Set(links.map((l) => l.trajectory_id)).size).toBe(1);
    expect(await count('select count(*)::int as n from emotion.emotion_trajectory_posts where trajectory_id = $1', [links[0]?.trajectory_id])).toBe(4);
  });

  it('resolves N Post references with ONE select on the link table and one per list', async () => {
    const posts = [
      post(uniqueText('Great news! We won the award.')),
      post(uniqueText('This is terrible. I am so sad.')),
      post(uniqueText('Wow, what a surprise. I did not expect that!')),
    ];
    for (const p of posts) await publishPostCreated(js, p);
    for (const p of posts) await eventually(() => linkOf(p.postId));

    const queries = ctx.statements;
    {
      const unknownId = randomUUID();
      const representations = [...posts.map((p) => ({ __typename: 'Post', id: p.postId })), { __typename: 'Post', id: unknownId }];
      queries.length = 0;
      const { data, errors } = await ctx.gql<{ _entities: Array<{ id: string; emotionTrajectory: { postId: string; segments: unknown[]; transitions: unknown[] } | null }> }>(`query($representations: [_Any!]!) { _entities(representations: $representations) {
          ... on Post { id emotionTrajectory { id postId segmentCount segments { position text } transitions { fromEmotion toEmotion } } }
        } }`,
        { representations },
      );
      expect(errors).toBeUndefined();
      expect(data?._entities.map((e) => e.id)).toEqual([...posts.map((p) => p.postId), unknownId]);
      expect(data?._entities.slice(0, 3).map((e) => e.emotionTrajectory?.postId)).toEqual(posts.map((p) => p.postId));
      expect(data?._entities[1]?.emotionTrajectory?.segments).toHaveLength(2);
      expect(data?._entities[3]?.emotionTrajectory).toBeNull();

      const selects = queries.filter((sql) => sql.startsWith('select'));
      expect(selects.filter((sql) => sql.includes('"emotion_trajectory_posts"'))).toHaveLength(1);
      expect(selects.filter((sql) => sql.includes('"emotion_trajectories"'))).toHaveLength(1);
      expect(selects.filter((sql) => sql.includes('"emotion_segments"'))).toHaveLength(1);
      expect(selects.filter((sql) => sql.includes('"emotion_transitions"'))).toHaveLength(1);
    }
  });

  it('resolves EmotionTrajectory references by id, null for unknown or malformed ids', async () => {
    const data = post(uniqueText('I trust this team. They have always been honest with us, thank you.'));
    await publishPostCreated(js, data);
    const link = await eventually(() => linkOf(data.postId));
    const { data: result, errors } = await ctx.gql<{ _entities: Array<{ id: string; postId: string; dominantEmotion: string; emotions: { trust: number }; createdAt: string } | null> }>(`query($representations: [_Any!]!) { _entities(representations: $representations) {
        ... on EmotionTrajectory { id postId dominantEmotion emotions { trust } sentiment { compound } peaks valleys createdAt }
      } }`,
      {
        representations: [
          { __typename: 'EmotionTrajectory', id: link.trajectory_id },
          { __typename: 'EmotionTrajectory', id: randomUUID() },
          { __typename: 'EmotionTrajectory', id: 'not-a-uuid' },
        ],
      },
    );
    expect(errors).toBeUndefined();
    expect(result?._entities[0]).toMatchObject({ id: link.trajectory_id, postId: data.postId, dominantEmotion: 'TRUST' });
    expect(result?._entities[0]?.emotions.trust).toBeGreaterThan(0);
    expect(new Date(result?._entities[0]?.createdAt ?? '').toString()).not.toBe('Invalid Date');
    expect(result?._entities[1]).toBeNull();
    expect(result?._entities[2]).toBeNull();
  });

  it('summarises a persona over its analysed posts', async () => {
    const persona = randomUUID();
    const texts = [
      uniqueText('I was so scared this morning. Then my friends arrived and I felt safe!'),
      uniqueText('What a wonderful start. Then everything was terrible and sad.'),
      uniqueText('I love this'),
    ];
    const posts = texts.map((text) => post(text, { personaId: persona }));
    for (const p of posts) await publishPostCreated(js, p);
    for (const p of posts) await eventually(() => linkOf(p.postId));
    const model = loadEmotionModel();
    const analyses = texts.map((text) => analyzeText(text, model));

    const { data } = await ctx.gql<{ emotionSummary: { trajectoryCount: number; averageCompound: number; averageEmotions: { joy: number }; trajectoryTypes: Array<{ type: string; count: number }> } }>(`query($id: ID!) { emotionSummary(personaId: $id) { trajectoryCount averageCompound averageEmotions { joy } trajectoryTypes { type count } } }`,
      { id: persona },
    );
    expect(analyses.map((a) => a.trajectoryType)).toEqual(['RISING', 'FALLING', 'STABLE']);
    expect(data?.emotionSummary.trajectoryCount).toBe(3);
    expect(data?.emotionSummary.trajectoryTypes).toEqual([
      { type: 'RISING', count: 1 },
      { type: 'FALLING', count: 1 },
      { type: 'STABLE', count: 1 },
      { type: 'VOLATILE', count: 0 },
    ]);
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    expect(data?.emotionSummary.averageCompound).toBeCloseTo(mean(analyses.map((a) => a.sentiment.compound)), 5);
    expect(data?.emotionSummary.averageEmotions.joy).toBeCloseTo(mean(analyses.map((a) => a.emotions.joy)), 5);
  });

  it('gives up an invalid event at once and reports its metrics and readiness on the admin port', async () => {
    const metricsText = async () => (await fetch(`http://127.0.0.1:${worker.adminPort}/metrics`)).text();
    await js.publish(subjects.postCreated, JSON.stringify({ hello: 'not a CloudEvent' }), { msgID: `bad-${randomUUID()}` });
    await eventually(async () => (/emotion_events_failed_total\{[^}]*\} [1-9]/.test(await metricsText()) ? true : undefined));

    const valid = post(uniqueText('Such a happy ending.'));
    await publishPostCreated(js, valid);
    await eventually(() => linkOf(valid.postId));
    const metrics = await metricsText();
    expect(metrics).toMatch(/emotion_trajectories_stored_total\{[^}]*outcome="created"[^}]*\} [1-9]/);
    expect(metrics).toMatch(/emotion_analysis_duration_seconds_count\{[^}]*source="worker"[^}]*\} [1-9]/);
    expect((await fetch(`http://127.0.0.1:${worker.adminPort}/readyz`)).status).toBe(200);
  });
});
