import { randomUUID } from 'node:crypto';
import type { PubAck } from '@nats-io/jetstream';
import { eventTypes } from '../../../lib/events';
import type { AchievementCreatedData } from '../../../lib/events';
import { createLogger } from '../../../lib/logger';
import { createCloudEvent, publishEvent } from '../../../lib/nats';
import { startDescribeAchievementService } from '../../../subgraphs/achievements/src/messaging/describe-achievement-service';
import type { RunningJsonService } from '../../../lib/nats';
import { queueAchievementPost } from '../../../subgraphs/content/src/operations/queue-achievement-post';
import { startContentWorker } from '../../../subgraphs/content/src/worker';
import type { ContentWorker } from '../../../subgraphs/content/src/worker';
import { eventually } from '../../support/eventually';
import { errorCode } from '../../support/graphql';
import { TEST_NATS } from '../../support/nats';
import { createAchievement, startHarness } from '../achievements/harness';
import type { AchievementsHarness } from '../achievements/harness';
import { countRows, insertPersona, insertPost, startContentHarness } from './harness';
import type { ContentHarness } from './harness';

const { subjects } = TEST_NATS;
const AUTO_PERSONA = 'ai-builder';

const GENERATE = 'mutation($input: GeneratePostInput!) { generatePost(input: $input) { id status topic createdBy } }';
const JOB = `query($id: ID!) {
  generationJob(id: $id) { id status topic persona { name } post { id originalInput achievement { id } } }
}`;
const ACHIEVEMENT_POSTS = `query($representations: [_Any!]!, $first: Int) {
  _entities(representations: $representations) { ... on Achievement { id posts(first: $first) { id hook achievement { id } } } }
}`;

interface JobView {
  id: string;
  status: string;
  topic: string;
  persona: { name: string };
  post: { id: string; originalInput: string; achievement: { id: string } | null } | null;
}

describe('posts about achievements (content + achievements.describe + auto content pipeline)', () => {
  let achievements: AchievementsHarness;
  let describeService: RunningJsonService;
  let h: ContentHarness;
  let worker: ContentWorker;
  let writerId: string;
  let autoPersonaId: string;

  beforeAll(async () => {
    achievements = await startHarness();
    h = await startContentHarness({ AUTO_CONTENT_PERSONA: AUTO_PERSONA, ACHIEVEMENT_LOOKUP_TIMEOUT_MS: '1000' });
    describeService = await startService();
    worker = await startContentWorker(h.config);
    writerId = await insertPersona(h.db, 'ai-writer');
    autoPersonaId = await insertPersona(h.db, AUTO_PERSONA, 'hype');
  });

  afterAll(async () => {
    await worker?.stop();
    await describeService?.stop();
    await h?.stop();
    await achievements?.stop();
  });

  /** The real describe endpoint on the achievements test database, at this suite's subject. */
  function startService(): Promise<RunningJsonService> {
    return startDescribeAchievementService({
      nc: h.nc,
      db: achievements.db,
      subject: subjects.describeAchievement,
      logger: createLogger('achievement-posts-test', 'silent'),
    });
  }

  /**
   * An achievement in the achievements database, not portfolio-ready: its `achievement.created`
   * event leaves the auto pipeline out of these cases.
   */
  async function storedAchievement(overrides: Record<string, unknown> = {}) {
    return createAchievement(achievements, {
      title: 'Cut checkout latency',
      description: 'p95 of the checkout API from 900 ms to 300 ms',
      category: 'PERFORMANCE',
      impactScore: 82,
      complexityScore: 60,
      businessValue: 120000,
      skills: ['TypeScript', 'PostgreSQL'],
      portfolioReady: false,
      ...overrides,
    });
  }

  async function completedJob(id: string): Promise<JobView> {
    return eventually(async () => {
      const { generationJob } = await h.data<{ generationJob: JobView }>(JOB, { id });
      return generationJob.status === 'COMPLETED' ? generationJob : undefined;
    });
  }

  async function publishAchievementCreated(data: AchievementCreatedData, eventId: string = randomUUID()): Promise<PubAck> {
    const event = createCloudEvent({ id: eventId, source: '/tests/content', type: eventTypes.achievementCreated, subject: data.achievementId, data });
    return publishEvent(h.js, subjects.achievementCreated, event);
  }

  /**
   * Resolves once the auto pipeline's consumer has delivered the message `ack` names and has
   * nothing unacknowledged (a message that failed and waits for its retry stays pending).
   */
  async function processed(ack: PubAck): Promise<void> {
    await eventually(async () => {
      const info = await h.jsm.consumers.info(TEST_NATS.streams.events, h.config.CONTENT_ACHIEVEMENTS_DURABLE);
      return info.delivered.stream_seq >= ack.seq && info.num_ack_pending === 0 ? true : undefined;
    });
  }

  function eventData(overrides: Partial<AchievementCreatedData> = {}): AchievementCreatedData {
    return {
      achievementId: randomUUID(),
      title: 'Shipped: feat(search): typo-tolerant product search',
      description: 'Zero-result searches down from 12% to 3%',
      category: 'FEATURE',
      skills: ['Elasticsearch', 'TypeScript'],
      impactScore: 78,
      businessValue: 54000,
      portfolioReady: true,
      ...overrides,
    };
  }

  describe('generatePost with an achievementId', () => {
    it('queues a job about the achievement, whose post carries the achievement', async () => {
      const achievement = await storedAchievement();
      const { generatePost } = await h.data<{ generatePost: { id: string; status: string; topic: string } }>(GENERATE, {
        input: { personaId: writerId, achievementId: achievement.id },
      });
      expect(generatePost.status).toBe('QUEUED');
      expect(generatePost.topic).toBe(
        [
          'Shipped: Cut checkout latency',
          'What it improved: p95 of the checkout API from 900 ms to 300 ms',
          'Business value: $120,000 (estimated)',
          'Skills: TypeScript, PostgreSQL',
        ].join('\n'),
      );
      const job = await completedJob(generatePost.id);
      expect(job.post?.achievement).toEqual({ id: achievement.id });
      expect(job.post?.originalInput).toBe(generatePost.topic);
      const [row] = await h.db.withSchema('content').selectFrom('generation_jobs').select(['achievement_id']).where('id', '=', generatePost.id).execute();
      expect(row?.achievement_id).toBe(achievement.id);
    });

    it('writes about the caller\'s topic when one is given too, still linked to the achievement', async () => {
      const achievement = await storedAchievement({ businessValue: null });
      const { generatePost } = await h.data<{ generatePost: { id: string; topic: string } }>(GENERATE, {
        input: { personaId: writerId, achievementId: achievement.id.toUpperCase(), topic: '  What a faster checkout taught us  ' },
      });
      expect(generatePost.topic).toBe('What a faster checkout taught us');
      const job = await completedJob(generatePost.id);
      expect(job.post?.achievement).toEqual({ id: achievement.id });
    });

    it('returns the same job for the same idempotency key and achievement, CONFLICT for another achievement', async () => {
      const [first, second] = [await storedAchievement(), await storedAchievement({ title: 'Another one' })];
      const key = randomUUID();
      const a = await h.data<{ generatePost: { id: string } }>(GENERATE, { input: { personaId: writerId, achievementId: first.id, idempotencyKey: key } });
      const b = await h.data<{ generatePost: { id: string } }>(GENERATE, { input: { personaId: writerId, achievementId: first.id, idempotencyKey: key } });
      expect(b.generatePost.id).toBe(a.generatePost.id);
      const other = await h.gql(GENERATE, { input: { personaId: writerId, achievementId: second.id, idempotencyKey: key } });
      expect(errorCode(other)).toBe('CONFLICT');
      const topicOnly = await h.gql(GENERATE, { input: { personaId: writerId, topic: 'Unrelated', idempotencyKey: key } });
      expect(errorCode(topicOnly)).toBe('CONFLICT');
    });

    it('refuses a request with neither topic nor achievementId (BAD_USER_INPUT), writing nothing', async () => {
      const before = await countRows(h.db, 'generation_jobs');
      const response = await h.gql(GENERATE, { input: { personaId: writerId } });
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0]?.extensions?.fields).toEqual({ topic: 'required without achievementId' });
      expect(errorCode(await h.gql(GENERATE, { input: { personaId: writerId, achievementId: 'not-a-uuid' } }))).toBe('BAD_USER_INPUT');
      expect(await countRows(h.db, 'generation_jobs')).toBe(before);
    });

    it('answers NOT_FOUND for an achievement achievements does not know, writing nothing', async () => {
      const before = await countRows(h.db, 'generation_jobs');
      const unknown = randomUUID();
      const response = await h.gql(GENERATE, { input: { personaId: writerId, achievementId: unknown } });
      expect(errorCode(response)).toBe('NOT_FOUND');
      expect(response.errors?.[0]?.extensions).toMatchObject({ entity: 'Achievement', id: unknown });
      expect(await countRows(h.db, 'generation_jobs')).toBe(before);
    });

    it('answers SUBGRAPH_UNAVAILABLE (subgraph achievements) when achievements does not answer, writing nothing', async () => {
      const achievement = await storedAchievement();
      const before = await countRows(h.db, 'generation_jobs');
      await describeService.stop();
      // Something that takes the requests but never answers: the lookup times out.
      const silent = h.nc.subscribe(subjects.describeAchievement, { callback: () => undefined });
      try {
        await h.nc.flush();
        const timedOut = await h.gql(GENERATE, { input: { personaId: writerId, achievementId: achievement.id } });
        expect(timedOut.errors?.[0]?.extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'achievements' });
        expect(timedOut.data).toBeNull();
        silent.unsubscribe();
        await h.nc.flush();
        // Nobody at all on the subject: NATS says so at once, with the same answer.
        const noResponder = await h.gql(GENERATE, { input: { personaId: writerId, achievementId: achievement.id } });
        expect(noResponder.errors?.[0]?.extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'achievements' });
        expect(await countRows(h.db, 'generation_jobs')).toBe(before);
      } finally {
        if (!silent.isClosed()) silent.unsubscribe();
        describeService = await startService();
      }
      const again = await h.gql(GENERATE, { input: { personaId: writerId, achievementId: achievement.id } });
      expect(again.errors).toBeUndefined();
    });
  });

  describe('the auto content pipeline (achievement.created)', () => {
    it('queues one job by AUTO_CONTENT_PERSONA about a portfolio-ready achievement, even when the event comes twice', async () => {
      const data = eventData();
      await publishAchievementCreated(data, `achievement-created-${data.achievementId}`);
      // The same fact published again outside JetStream's duplicate window (another event id).
      const last = await publishAchievementCreated(data);
      await processed(last);
      const jobs = await h.db
        .withSchema('content')
        .selectFrom('generation_jobs')
        .selectAll()
        .where('achievement_id', '=', data.achievementId)
        .execute();
      expect(jobs).toHaveLength(1);
      expect(jobs[0]).toMatchObject({
        persona_id: autoPersonaId,
        idempotency_key: `achievement:${data.achievementId}`,
        created_by: 'auto-content',
        topic: [
          'Shipped: feat(search): typo-tolerant product search',
          'What it improved: Zero-result searches down from 12% to 3%',
          'Business value: $54,000 (estimated)',
          'Skills: Elasticsearch, TypeScript',
        ].join('\n'),
      });
      const job = await completedJob(jobs[0]!.id);
      expect(job.persona.name).toBe(AUTO_PERSONA);
      expect(job.post?.achievement).toEqual({ id: data.achievementId });
    });

    it('queues nothing for an achievement that is not portfolio-ready', async () => {
      const data = eventData({ portfolioReady: false, impactScore: 40 });
      await processed(await publishAchievementCreated(data));
      expect(await countRows(h.db, 'generation_jobs', { achievement_id: data.achievementId })).toBe(0);
    });

    it('queues nothing when the pipeline is off or AUTO_CONTENT_PERSONA names no persona', async () => {
      const data = eventData();
      const deps = { db: h.db, js: h.js, outbox: h.outbox, subjects, logger: createLogger('achievement-posts-test', 'silent') };
      expect(await queueAchievementPost({ ...deps, autoContentPersona: undefined }, data)).toEqual({ outcome: 'off' });
      expect(await queueAchievementPost({ ...deps, autoContentPersona: 'nobody-here' }, data)).toEqual({ outcome: 'unknown-persona' });
      expect(await countRows(h.db, 'generation_jobs', { achievement_id: data.achievementId })).toBe(0);
    });
  });

  describe('Achievement.posts (content\'s part of the entity)', () => {
    it('lists an achievement\'s posts newest first through _entities, one statement for several achievements', async () => {
      const [a, b] = [randomUUID(), randomUUID()];
      const posts = [];
      for (const [i, achievementId] of [a, a, a, b].entries()) {
        const post = await insertPost(h.db, { personaId: writerId, hook: `Hook ${i}`, createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)) });
        await h.db.withSchema('content').updateTable('posts').set({ achievement_id: achievementId }).where('id', '=', post.id).execute();
        posts.push(post.id);
      }
      h.statements.length = 0;
      const { _entities } = await h.data<{ _entities: Array<{ id: string; posts: Array<{ id: string; hook: string; achievement: { id: string } }> }> }>(
        ACHIEVEMENT_POSTS,
        {
          representations: [
            { __typename: 'Achievement', id: a },
            { __typename: 'Achievement', id: b.toUpperCase() },
            { __typename: 'Achievement', id: randomUUID() },
          ],
          first: 2,
        },
      );
      expect(_entities).toEqual([
        { id: a, posts: [{ id: posts[2], hook: 'Hook 2', achievement: { id: a } }, { id: posts[1], hook: 'Hook 1', achievement: { id: a } }] },
        { id: b, posts: [{ id: posts[3], hook: 'Hook 3', achievement: { id: b } }] },
        { id: expect.any(String), posts: [] },
      ]);
      expect(h.statements.filter((sql) => /^\s*select/i.test(sql) && sql.includes('"content"."posts"'))).toHaveLength(1);
    });

    it('defaults to 20 posts, refuses first outside 0..100, and gives Post.achievement null for other posts', async () => {
      const achievementId = randomUUID();
      const representations = [{ __typename: 'Achievement', id: achievementId }];
      expect((await h.data<{ _entities: Array<{ posts: unknown[] }> }>(ACHIEVEMENT_POSTS, { representations }))._entities[0]?.posts).toEqual([]);
      expect((await h.data<{ _entities: Array<{ posts: unknown[] }> }>(ACHIEVEMENT_POSTS, { representations, first: 0 }))._entities[0]?.posts).toEqual([]);
      expect(errorCode(await h.gql(ACHIEVEMENT_POSTS, { representations, first: 101 }))).toBe('BAD_USER_INPUT');
      expect(errorCode(await h.gql(ACHIEVEMENT_POSTS, { representations, first: -1 }))).toBe('BAD_USER_INPUT');
      const plain = await insertPost(h.db, { personaId: writerId });
      const { post } = await h.data<{ post: { achievement: null } }>('query($id: ID!) { post(id: $id) { achievement { id } } }', { id: plain.id });
      expect(post.achievement).toBeNull();
    });

    it('resolves a reference that is not a UUID to null without a query', async () => {
      h.statements.length = 0;
      const { _entities } = await h.data<{ _entities: unknown[] }>(ACHIEVEMENT_POSTS, { representations: [{ __typename: 'Achievement', id: 'not-a-uuid' }] });
      expect(_entities).toEqual([null]);
      expect(h.statements).toHaveLength(0);
    });
  });
});
