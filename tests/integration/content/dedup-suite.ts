import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { eventTypes } from '../../../lib/events';
import { cosineSimilarity, hashingEmbedding } from '../../../subgraphs/content/src/domain/embedding';
import { postText } from '../../../subgraphs/content/src/domain/post-text';
import { startContentWorker } from '../../../subgraphs/content/src/worker';
import type { ContentWorker } from '../../../subgraphs/content/src/worker';
import { eventually } from '../../support/eventually';
import { scrapeMetrics } from '../../support/metrics';
import { TEST_NATS } from '../../support/nats';
import { collectMessages, insertPersona, startContentHarness } from './harness';
import type { ContentHarness } from './harness';

/** A finished job as the dedup suites select it. */
export interface DedupJob {
  id: string;
  status: string;
  errorCode: string | null;
  error: string | null;
  regenerations: number;
  duplicateOf: { id: string } | null;
  post: { id: string; hook: string; body: string } | null;
}

/** A `SimilarPost` as the suites select it. */
export interface Similar {
  score: number;
  post: { id: string; persona: { id: string } };
}

const JOB = 'id status errorCode error regenerations duplicateOf { id } post { id hook body }';
const GENERATE = 'mutation($input: GeneratePostInput!) { generatePost(input: $input) { id } }';
const SIMILAR = 'query($text: String!, $personaId: ID, $first: Int) { similarPosts(text: $text, personaId: $personaId, first: $first) { score post { id persona { id } } } }';
const THRESHOLD = 0.9;

/** A CloudEvent as collected from NATS. */
interface Event<T> {
  type: string;
  data: T;
}

/** What a suite runs the shared dedup assertions against. */
export interface DedupBackend {
  /** Environment of the content subgraph and worker (e.g. `QDRANT_URL`). */
  env(): NodeJS.ProcessEnv;
  /** Checks after every test of the default-config part (e.g. what reached Qdrant). */
  afterJobs?(h: ContentHarness): Promise<void>;
}

/** Queues a post and returns its job id. */
export async function queuePost(h: ContentHarness, personaId: string, topic: string): Promise<string> {
  const { generatePost } = await h.data<{ generatePost: { id: string } }>(GENERATE, { input: { personaId, topic, idempotencyKey: randomUUID() } });
  return generatePost.id;
}

/** Waits until the job is COMPLETED or FAILED. */
export async function finished(h: ContentHarness, id: string): Promise<DedupJob> {
  return eventually(async () => {
    const { generationJob } = await h.data<{ generationJob: DedupJob }>(`query($id: ID!) { generationJob(id: $id) { ${JOB} } }`, { id });
    return generationJob.status === 'COMPLETED' || generationJob.status === 'FAILED' ? generationJob : undefined;
  });
}

/** Every stored post of the persona with the cosine of each pair of their texts. */
export async function storedPairs(h: ContentHarness, personaId: string): Promise<{ posts: number; maxCosine: number }> {
  const posts = await h.db.withSchema('content').selectFrom('posts').select(['hook', 'body']).where('persona_id', '=', personaId).execute();
  const vectors = posts.map((post) => hashingEmbedding(postText(post.hook, post.body)));
  let maxCosine = 0;
  for (let i = 0; i < vectors.length; i++) {
    for (let j = i + 1; j < vectors.length; j++) maxCosine = Math.max(maxCosine, cosineSimilarity(vectors[i]!, vectors[j]!));
  }
  return { posts: posts.length, maxCosine };
}

/**
 * The semantic dedup and `similarPosts` assertions, run against one vector index backend:
 * the same topic twice for one persona, five times at once, `similarPosts` from a post's own
 * text, `Post.similarPosts`, the persona filter, `first` bounds, and a threshold that makes every
 * text a duplicate.
 */
export function describeSemanticDedup(backend: DedupBackend): void {
  describe('with the default threshold (0.90) and attempts (3)', () => {
    let h: ContentHarness;
    let worker: ContentWorker;

    beforeAll(async () => {
      h = await startContentHarness(backend.env());
      worker = await startContentWorker(h.config);
    });

    afterAll(async () => {
      await worker?.stop();
      await h?.stop();
    });

    afterEach(async () => {
      await backend.afterJobs?.(h);
    });

    it('stores the same topic twice as two posts that are not near-duplicates, rewriting the second', async () => {
      const personaId = await insertPersona(h.db, 'twice');
      const first = await finished(h, await queuePost(h, personaId, 'Finding peace in a busy week'));
      expect(first).toMatchObject({ status: 'COMPLETED', regenerations: 0, errorCode: null });

      const secondId = await queuePost(h, personaId, 'Finding peace in a busy week');
      const progress = await collectMessages<Event<Record<string, unknown>>>(h.nc, TEST_NATS.subjects.jobProgress(secondId));
      let second: DedupJob;
      try {
        second = await finished(h, secondId);
      } finally {
        progress.stop();
      }
      expect(second).toMatchObject({ status: 'COMPLETED', regenerations: 1, errorCode: null, duplicateOf: null });
      expect(postText(second.post!.hook, second.post!.body)).not.toBe(postText(first.post!.hook, first.post!.body));
      const { posts, maxCosine } = await storedPairs(h, personaId);
      expect(posts).toBe(2);
      expect(maxCosine).toBeLessThan(THRESHOLD);

      // The job said so: a regenerating event naming the first post, then the text restarted.
      const types = progress.messages.map((m) => m.type);
      const restart = types.indexOf(eventTypes.jobRegenerating);
      expect(progress.messages[restart]?.data).toEqual({ jobId: secondId, personaId, regeneration: 1, duplicateOf: first.post!.id, score: 1 });
      expect(types.slice(0, restart).every((t) => t === eventTypes.jobTokenDelta)).toBe(true);
      const discarded = progress.messages[restart - 1]!.data.text as string;
      expect(discarded).toBe(postText(first.post!.hook, first.post!.body));
      const after = progress.messages.slice(restart + 1).map((m) => m.data.text as string);
      expect(after[0]!.startsWith(discarded)).toBe(false);
      expect(after[0]!.length).toBeLessThan(discarded.length);
      expect(after[after.length - 1]).toBe(postText(second.post!.hook, second.post!.body));
    });

    it('never stores near-identical posts when five jobs of one topic run at once: three texts, then DUPLICATE_CONTENT', async () => {
      const personaId = await insertPersona(h.db, 'five-at-once');
      const ids = await Promise.all([1, 2, 3, 4, 5].map(() => queuePost(h, personaId, 'Why rest is productive')));
      const jobs = await Promise.all(ids.map((id) => finished(h, id)));
      const completed = jobs.filter((job) => job.status === 'COMPLETED');
      const failed = jobs.filter((job) => job.status === 'FAILED');
      expect(completed).toHaveLength(3);
      expect(failed).toHaveLength(2);
      const stored = new Set(completed.map((job) => job.post!.id));
      for (const job of failed) {
        expect(job.errorCode).toBe('DUPLICATE_CONTENT');
        expect(job.regenerations).toBe(2);
        expect(job.post).toBeNull();
        expect(stored.has(job.duplicateOf!.id)).toBe(true);
        expect(job.error).toMatch(/^3 texts duplicated an earlier post of the persona; the last was 1\.000 similar to post /);
      }
      const { posts, maxCosine } = await storedPairs(h, personaId);
      expect(posts).toBe(3);
      expect(maxCosine).toBeLessThan(THRESHOLD);
    });

    describe('similarPosts', () => {
      let personaA: string;
      let personaB: string;
      let posts: Array<{ id: string; text: string; personaId: string }>;

      beforeAll(async () => {
        personaA = await insertPersona(h.db, 'similar-a');
        personaB = await insertPersona(h.db, 'similar-b', 'hype');
        posts = [];
        // One after the other, so that creation order is known.
        for (const [personaId, topic] of [
          [personaA, 'Learning to say no'],
          [personaA, 'Morning routines'],
          [personaA, 'Listening more than talking'],
          [personaB, 'Learning to say no'],
        ] as const) {
          const job = await finished(h, await queuePost(h, personaId, topic));
          posts.push({ id: job.post!.id, text: postText(job.post!.hook, job.post!.body), personaId });
        }
      });

      const similar = async (variables: Record<string, unknown>) => (await h.data<{ similarPosts: Similar[] }>(SIMILAR, variables)).similarPosts;

      it('finds a post from its own text first, with a score of at least 0.99', async () => {
        for (const post of posts) {
          const [best] = await similar({ text: post.text, personaId: post.personaId });
          expect(best?.post.id).toBe(post.id);
          expect(best!.score).toBeGreaterThanOrEqual(0.99);
        }
      });

      it('scores each post by cosine, best first, within 0..1', async () => {
        const results = await similar({ text: posts[0]!.text, personaId: personaA, first: 10 });
        expect(results.map((r) => r.post.id).sort()).toEqual(posts.filter((p) => p.personaId === personaA).map((p) => p.id).sort());
        for (const result of results) {
          const text = posts.find((p) => p.id === result.post.id)!.text;
          const expected = Math.max(0, cosineSimilarity(hashingEmbedding(posts[0]!.text), hashingEmbedding(text)));
          expect(result.score).toBeCloseTo(expected, 5);
          expect(result.score).toBeLessThanOrEqual(1);
        }
        const scores = results.map((r) => r.score);
        expect([...scores].sort((a, b) => b - a)).toEqual(scores);
      });

      it("filters by persona, and searches every persona's posts without one", async () => {
        const text = posts[0]!.text;
        const ofB = await similar({ text, personaId: personaB, first: 10 });
        expect(ofB.map((r) => r.post.id)).toEqual([posts[3]!.id]);
        const all = await similar({ text, first: 100 });
        expect(all.map((r) => r.post.id)).toEqual(expect.arrayContaining(posts.map((p) => p.id)));
        expect(new Set(all.map((r) => r.post.persona.id)).size).toBeGreaterThan(2);
        expect(all[0]?.post.id).toBe(posts[0]!.id);
      });

      it('puts the newest first among equal scores', async () => {
        const source = posts[1]!;
        const [hook, body] = source.text.split('\n\n') as [string, string];
        const copies = [
          { id: randomUUID(), createdAt: new Date('2030-01-01T00:00:00Z') },
          { id: randomUUID(), createdAt: new Date('2020-01-01T00:00:00Z') },
        ];
        for (const copy of copies) {
          await h.db
            .withSchema('content')
            .insertInto('posts')
            .values({ id: copy.id, persona_id: personaB, hook, body, original_input: 'copied', tokens_used: 0, cost_usd: 0, model: 'manual', created_at: copy.createdAt })
            .execute();
          await h.db
            .withSchema('content')
            .insertInto('post_embeddings')
            .values({ post_id: copy.id, persona_id: personaB, provider: 'hashing', model: 'hashing', embedding: hashingEmbedding(source.text), created_at: copy.createdAt })
            .execute();
        }
        try {
          const results = await similar({ text: source.text, first: 3 });
          expect(results.map((r) => r.post.id)).toEqual([copies[0]!.id, source.id, copies[1]!.id]);
          expect(results.map((r) => r.score)).toEqual([1, 1, 1]);
        } finally {
          await h.db.withSchema('content').deleteFrom('posts').where('id', 'in', copies.map((c) => c.id)).execute();
        }
      });

      it('honours first: 0 is empty, 1 is one, outside 0..100 and empty texts are BAD_USER_INPUT', async () => {
        const text = posts[1]!.text;
        expect(await similar({ text, first: 0 })).toEqual([]);
        expect(await similar({ text, first: 1 })).toHaveLength(1);
        expect((await similar({ text })).length).toBeLessThanOrEqual(5);
        for (const variables of [{ text, first: 101 }, { text, first: -1 }, { text: '  ' }, { text, personaId: 'not-a-uuid' }]) {
          expect((await h.gql(SIMILAR, variables)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
        }
      });

      it("gives Post.similarPosts the persona's other posts, itself left out", async () => {
        const query = 'query($id: ID!, $first: Int) { post(id: $id) { similarPosts(first: $first) { score post { id persona { id } } } } }';
        const { post } = await h.data<{ post: { similarPosts: Similar[] } }>(query, { id: posts[0]!.id, first: 10 });
        const others = posts.filter((p) => p.personaId === personaA && p.id !== posts[0]!.id).map((p) => p.id);
        expect(post.similarPosts.map((s) => s.post.id).sort()).toEqual(others.sort());
        for (const s of post.similarPosts) expect(s.score).toBeLessThan(THRESHOLD);
        const one = await h.data<{ post: { similarPosts: Similar[] } }>(query, { id: posts[0]!.id, first: 1 });
        expect(one.post.similarPosts).toEqual(post.similarPosts.slice(0, 1));
        const none = await h.data<{ post: { similarPosts: Similar[] } }>(query, { id: posts[0]!.id, first: 0 });
        expect(none.post.similarPosts).toEqual([]);
        expect((await h.gql(query, { id: posts[0]!.id, first: 101 })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      });

      it('embeds the text of a post stored without an embedding', async () => {
        const id = randomUUID();
        const source = posts[2]!;
        const [hook, body] = source.text.split('\n\n') as [string, string];
        await h.db
          .withSchema('content')
          .insertInto('posts')
          .values({ id, persona_id: personaA, hook, body, original_input: 'copied', tokens_used: 0, cost_usd: 0, model: 'manual' })
          .execute();
        try {
          const { post } = await h.data<{ post: { similarPosts: Similar[] } }>('query($id: ID!) { post(id: $id) { similarPosts(first: 1) { score post { id } } } }', { id });
          expect(post.similarPosts).toEqual([{ score: 1, post: { id: source.id } }]);
        } finally {
          await h.db.withSchema('content').deleteFrom('posts').where('id', '=', id).execute();
        }
      });
    });
  });

  describe('with a threshold that makes every text a duplicate (DEDUP_THRESHOLD 0, DEDUP_MAX_ATTEMPTS 2)', () => {
    let h: ContentHarness;
    let worker: ContentWorker;

    beforeAll(async () => {
      h = await startContentHarness({ ...backend.env(), DEDUP_THRESHOLD: '0', DEDUP_MAX_ATTEMPTS: '2' });
      worker = await startContentWorker(h.config);
    });

    afterAll(async () => {
      await worker?.stop();
      await h?.stop();
    });

    it('fails the job with DUPLICATE_CONTENT and the post it duplicates, after one rewrite, without a retry', async () => {
      const personaId = await insertPersona(h.db, 'forced');
      const first = await finished(h, await queuePost(h, personaId, 'Gratitude'));
      expect(first.status).toBe('COMPLETED');

      const id = await queuePost(h, personaId, 'Quarterly GPU prices');
      const status = await collectMessages<Event<{ status: string }>>(h.nc, TEST_NATS.subjects.jobStatus(id));
      const progress = await collectMessages<Event<{ regeneration?: number }>>(h.nc, TEST_NATS.subjects.jobProgress(id));
      let job: DedupJob;
      try {
        job = await finished(h, id);
        await eventually(async () => (status.messages.some((m) => m.data.status === 'FAILED') ? true : undefined));
      } finally {
        status.stop();
        progress.stop();
      }
      expect(job).toMatchObject({ status: 'FAILED', errorCode: 'DUPLICATE_CONTENT', regenerations: 1, duplicateOf: { id: first.post!.id }, post: null });
      expect(progress.messages.filter((m) => m.type === eventTypes.jobRegenerating).map((m) => m.data.regeneration)).toEqual([1]);
      const row = await h.db.withSchema('content').selectFrom('generation_jobs').select(['attempts', 'duplicate_of_post_id', 'text']).where('id', '=', id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ attempts: 1, duplicate_of_post_id: first.post!.id });
      const { count } = await sql<{ count: string }>`select count(*) as count from content.posts where persona_id = ${personaId}`.execute(h.db).then((r) => r.rows[0]!);
      expect(Number(count)).toBe(1);

      const metric = await scrapeMetrics(worker.adminPort);
      expect(metric('content_generation_jobs_total', { outcome: 'duplicate' })).toBe(1);
      expect(metric('content_dedup_regenerations_total')).toBe(1);
    });

    it('stores the first post of a persona (nothing to duplicate)', async () => {
      const personaId = await insertPersona(h.db, 'forced-first');
      expect((await finished(h, await queuePost(h, personaId, 'Anything at all'))).status).toBe('COMPLETED');
    });
  });
}
