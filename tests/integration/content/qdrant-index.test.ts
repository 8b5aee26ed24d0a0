import { randomUUID } from 'node:crypto';
import { hashingEmbedding } from '../../../subgraphs/content/src/domain/embedding';
import { postText } from '../../../subgraphs/content/src/domain/post-text';
import { createQdrantVectorIndex, qdrantCollectionName } from '../../../subgraphs/content/src/providers/qdrant-vector-index';
import { startContentWorker } from '../../../subgraphs/content/src/worker';
import type { ContentWorker } from '../../../subgraphs/content/src/worker';
import { eventually } from '../../support/eventually';
import { scrapeMetrics } from '../../support/metrics';
import { startFakeQdrant } from '../../support/qdrant-server';
import type { FakeQdrant } from '../../support/qdrant-server';
import { describeSemanticDedup, finished, queuePost } from './dedup-suite';
import type { Similar } from './dedup-suite';
import { insertPersona, startContentHarness } from './harness';
import type { ContentHarness } from './harness';

/** Every stored vector reached the fake Qdrant: a point per post in its persona's collection, with the payload. */
async function expectAllIndexed(h: ContentHarness, qdrant: FakeQdrant): Promise<void> {
  await eventually(async () => {
    const rows = await h.db.withSchema('content').selectFrom('post_embeddings').select(['post_id', 'persona_id', 'indexed_at', 'created_at', 'model']).execute();
    for (const row of rows) {
      const point = qdrant.collections.get(qdrantCollectionName(row.persona_id))?.points.get(row.post_id);
      if (!point || row.indexed_at === null) return undefined;
      expect(point.payload).toEqual({ post_id: row.post_id, persona_id: row.persona_id, created_at: row.created_at.toISOString(), model: row.model });
    }
    return true;
  });
}

describe('semantic dedup and similar posts on Qdrant (real @qdrant/js-client-rest against a local Qdrant-protocol server)', () => {
  let qdrant: FakeQdrant;

  beforeAll(async () => {
    qdrant = await startFakeQdrant();
  });

  afterAll(async () => {
    await qdrant?.close();
  });

  describeSemanticDedup({
    env: () => ({ QDRANT_URL: qdrant.url }),
    afterJobs: (h) => expectAllIndexed(h, qdrant),
  });

  describe('the Qdrant adapter', () => {
    let h: ContentHarness;

    beforeAll(async () => {
      h = await startContentHarness({ QDRANT_URL: qdrant.url });
    });

    afterAll(async () => {
      await h?.stop();
    });

    const post = (personaId: string, text: string, model = 'hashing') => ({ postId: randomUUID(), personaId, model, createdAt: new Date(), vector: hashingEmbedding(text) });

    it('creates a cosine collection of 1536 dimensions per persona on first write, once', async () => {
      const index = createQdrantVectorIndex({ url: qdrant.url });
      const personaId = randomUUID();
      const name = qdrantCollectionName(personaId);
      expect(name).toBe(`posts_${personaId}`);
      await index.upsert(h.db, [post(personaId, 'first words')]);
      await index.upsert(h.db, [post(personaId, 'second words')]);
      expect(qdrant.collections.get(name)).toMatchObject({ size: 1536, distance: 'Cosine' });
      expect(qdrant.collections.get(name)!.points.size).toBe(2);
      expect(qdrant.requests.filter((r) => r.method === 'PUT' && r.path === `/collections/${name}`)).toHaveLength(1);
    });

    it('upserts idempotently by post id', async () => {
      const index = createQdrantVectorIndex({ url: qdrant.url });
      const entry = post(randomUUID(), 'the same post twice');
      await index.upsert(h.db, [entry]);
      await index.upsert(h.db, [entry]);
      expect(qdrant.collections.get(qdrantCollectionName(entry.personaId))!.points.size).toBe(1);
    });

    it('searches by cosine with the model filter, leaves the excluded post out, and finds nothing in a missing collection', async () => {
      const index = createQdrantVectorIndex({ url: qdrant.url });
      const personaId = randomUUID();
      const same = post(personaId, 'Gratitude changes everything');
      const other = post(personaId, 'Quarterly GPU prices fell again');
      const foreign = post(personaId, 'Gratitude changes everything', 'text-embedding-3-small');
      await index.upsert(h.db, [same, other, foreign]);
      const query = { vector: hashingEmbedding('gratitude changes EVERYTHING!'), model: 'hashing', personaId, limit: 5 };
      const found = await index.search(h.db, query);
      expect(found.map((n) => n.postId)).toEqual([same.postId, other.postId]);
      expect(found[0]!.score).toBeCloseTo(1, 6);
      expect(found[0]!.createdAt).toEqual(same.createdAt);
      expect((await index.search(h.db, { ...query, excludePostId: same.postId })).map((n) => n.postId)).toEqual([other.postId]);
      expect(await index.search(h.db, { ...query, personaId: randomUUID() })).toEqual([]);
      const lastQuery = qdrant.requests.filter((r) => r.path.endsWith('/points/query')).pop();
      expect(lastQuery?.body).toMatchObject({ filter: { must: [{ key: 'model', match: { value: 'hashing' } }] }, with_payload: true });
    });

    it('sends QDRANT_API_KEY as the api-key header', async () => {
      const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
      try {
        const index = createQdrantVectorIndex({ url: qdrant.url, apiKey: 'qdrant-secret' });
        await index.upsert(h.db, [post(randomUUID(), 'with a key')]);
        expect(qdrant.requests[qdrant.requests.length - 1]!.apiKey).toBe('qdrant-secret');
        // The client's own warning: a key over plain HTTP.
        expect(warn).toHaveBeenCalledWith('Api key is used with unsecure connection.');
      } finally {
        warn.mockRestore();
      }
    });
  });

  describe('when Qdrant fails after the commit', () => {
    let h: ContentHarness;
    let worker: ContentWorker;

    beforeAll(async () => {
      // Only the test's own sweepIndex() copies vectors: the periodic sweeper (10 s) could copy one
      // before the test looks, on a slow machine.
      h = await startContentHarness({ QDRANT_URL: qdrant.url, SWEEP_INTERVAL_MS: '3600000' });
      worker = await startContentWorker(h.config);
    });

    afterAll(async () => {
      await worker?.stop();
      await h?.stop();
    });

    it('completes the job, finds the post from Postgres meanwhile, and the index sweeper copies it later', async () => {
      const personaId = await insertPersona(h.db, 'qdrant-down');
      // The job's collection creation fails (a write): the job completes, the copy is left to the sweeper.
      qdrant.failNext(1);
      const job = await finished(h, await queuePost(h, personaId, 'Small habits'));
      expect(job.status).toBe('COMPLETED');
      const metric = await eventually(async () => {
        const read = await scrapeMetrics(worker.adminPort);
        return read('content_vector_index_errors_total', { index: 'qdrant' }) === 1 ? read : undefined;
      });
      expect(metric('content_generation_jobs_total', { outcome: 'completed' })).toBe(1);
      const row = await h.db.withSchema('content').selectFrom('post_embeddings').select('indexed_at').where('post_id', '=', job.post!.id).executeTakeFirstOrThrow();
      expect(row.indexed_at).toBeNull();
      expect(qdrant.collections.get(qdrantCollectionName(personaId))).toBeUndefined();

      const text = postText(job.post!.hook, job.post!.body);
      const { similarPosts } = await h.data<{ similarPosts: Similar[] }>('query($text: String!, $p: ID) { similarPosts(text: $text, personaId: $p) { score post { id persona { id } } } }', { text, p: personaId });
      expect(similarPosts[0]).toEqual({ score: 1, post: { id: job.post!.id, persona: { id: personaId } } });

      // The same topic again is still caught (compared with the not yet indexed vector), and rewritten.
      const again = await finished(h, await queuePost(h, personaId, 'Small habits'));
      expect(again).toMatchObject({ status: 'COMPLETED', regenerations: 1 });
      // Its own copy (after COMPLETED, Qdrant is back) creates the collection; wait for it, so that
      // the sweep below races with nothing.
      await eventually(async () => {
        const copied = await h.db.withSchema('content').selectFrom('post_embeddings').select('indexed_at').where('post_id', '=', again.post!.id).executeTakeFirstOrThrow();
        return copied.indexed_at ?? undefined;
      });

      // The sweeper leaves vectors younger than SWEEP_MIN_AGE_MS to the job; make them older.
      await h.db.withSchema('content').updateTable('post_embeddings').set({ created_at: new Date(Date.now() - 60_000) }).where('indexed_at', 'is', null).execute();
      expect(await worker.sweepIndex()).toBe(1);
      expect(qdrant.collections.get(qdrantCollectionName(personaId))!.points.has(job.post!.id)).toBe(true);
      const swept = await h.db.withSchema('content').selectFrom('post_embeddings').select('indexed_at').where('post_id', '=', job.post!.id).executeTakeFirstOrThrow();
      expect(swept.indexed_at).not.toBeNull();
      expect(await worker.sweepIndex()).toBe(0);
    });
  });
});
