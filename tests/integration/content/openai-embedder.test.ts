import { cosineSimilarity, hashingEmbedding } from '../../../subgraphs/content/src/domain/embedding';
import { createOpenAIEmbedder } from '../../../subgraphs/content/src/providers/openai-embedder';
import { startContentWorker } from '../../../subgraphs/content/src/worker';
import type { ContentWorker } from '../../../subgraphs/content/src/worker';
import { startFakeOpenAI } from '../../support/openai-server';
import { finished, queuePost } from './dedup-suite';
import type { Similar } from './dedup-suite';
import { insertPersona, startContentHarness } from './harness';
import type { ContentHarness } from './harness';

const norm = (v: number[]) => Math.sqrt(v.reduce((sum, x) => sum + x * x, 0));

describe('OpenAI embeddings (real openai SDK against a local OpenAI-compatible server)', () => {
  describe('the embedder', () => {
    let server: Awaited<ReturnType<typeof startFakeOpenAI>>;

    beforeAll(async () => {
      server = await startFakeOpenAI([]);
    });

    afterAll(async () => {
      await server?.close();
    });

    beforeEach(() => {
      server.embeddingRequests.length = 0;
    });

    it('embeds texts in order, in batches, as 1536-d unit vectors of the model', async () => {
      const embedder = createOpenAIEmbedder({ apiKey: 'sk-test', baseURL: server.baseURL, model: 'text-embedding-3-small', timeoutMs: 5000, batchSize: 2 });
      const texts = ['Gratitude changes everything', 'Quarterly GPU prices', 'Finding peace in a busy week', 'Small habits', 'Morning routines'];
      const vectors = await embedder.embed(texts);

      expect(embedder).toMatchObject({ provider: 'openai', model: 'text-embedding-3-small' });
      expect(server.embeddingRequests.map((r) => r.body.input)).toEqual([texts.slice(0, 2), texts.slice(2, 4), texts.slice(4)]);
      for (const request of server.embeddingRequests) {
        expect(request.authorization).toBe('Bearer sk-test');
        expect(request.body).toMatchObject({ model: 'text-embedding-3-small', dimensions: 1536, encoding_format: 'base64' });
      }
      expect(vectors).toHaveLength(5);
      vectors.forEach((vector, i) => {
        expect(vector).toHaveLength(1536);
        expect(norm(vector)).toBeCloseTo(1, 6);
        // The fake answers the hashing embedding, sent as base64 float32: decoded by the SDK.
        expect(cosineSimilarity(vector, hashingEmbedding(texts[i]!))).toBeCloseTo(1, 6);
      });
    });

    it('does not send `dimensions` to models without it', async () => {
      const embedder = createOpenAIEmbedder({ apiKey: 'sk-test', baseURL: server.baseURL, model: 'text-embedding-ada-002', timeoutMs: 5000 });
      await embedder.embed(['one text']);
      expect(server.embeddingRequests[0]!.body.dimensions).toBeUndefined();
    });

    it('retries a failed request (the SDK retries 5xx)', async () => {
      const embedder = createOpenAIEmbedder({ apiKey: 'sk-test', baseURL: server.baseURL, model: 'text-embedding-3-small', timeoutMs: 5000 });
      server.failEmbeddings(2);
      const [vector] = await embedder.embed(['retried']);
      expect(server.embeddingRequests).toHaveLength(3);
      expect(cosineSimilarity(vector!, hashingEmbedding('retried'))).toBeCloseTo(1, 6);
    });

    it('fails with the SDK error once its retries are spent', async () => {
      const embedder = createOpenAIEmbedder({ apiKey: 'sk-test', baseURL: server.baseURL, model: 'text-embedding-3-small', timeoutMs: 5000, maxRetries: 1 });
      server.failEmbeddings(5);
      try {
        await expect(embedder.embed(['never'])).rejects.toThrow(/500/);
        expect(server.embeddingRequests).toHaveLength(2);
      } finally {
        server.failEmbeddings(0);
      }
    });

    it('sends nothing for no texts', async () => {
      const embedder = createOpenAIEmbedder({ apiKey: 'sk-test', baseURL: server.baseURL, model: 'text-embedding-3-small', timeoutMs: 5000 });
      expect(await embedder.embed([])).toEqual([]);
      expect(server.embeddingRequests).toHaveLength(0);
    });
  });

  describe('in the generation job and similarPosts (OPENAI_API_KEY set)', () => {
    // The fake language model writes the same words whatever it is asked: every rewrite duplicates.
    let server: Awaited<ReturnType<typeof startFakeOpenAI>>;
    let h: ContentHarness;
    let worker: ContentWorker;

    beforeAll(async () => {
      server = await startFakeOpenAI(['Rest ', 'is ', 'part ', 'of ', 'the ', 'work.']);
      // The fake model's short text is below the quality gate; this suite is about dedup.
      h = await startContentHarness({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: server.baseURL, QUALITY_MIN: '0' });
      worker = await startContentWorker(h.config);
    });

    afterAll(async () => {
      await worker?.stop();
      await h?.stop();
      await server?.close();
    });

    it('stores the OpenAI embedding, asks rewrites for another angle, and fails a job that only repeats with DUPLICATE_CONTENT', async () => {
      const personaId = await insertPersona(h.db, 'openai-writer');
      const first = await finished(h, await queuePost(h, personaId, 'Why rest is productive'));
      expect(first.status).toBe('COMPLETED');
      const row = await h.db.withSchema('content').selectFrom('post_embeddings').select(['provider', 'model']).where('post_id', '=', first.post!.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ provider: 'openai', model: 'text-embedding-3-small' });
      expect(server.embeddingRequests.map((r) => r.body.input)).toContainEqual(['Rest is part of the work.\n\nRest is part of the work.']);

      const chatBefore = server.requests.length;
      const second = await finished(h, await queuePost(h, personaId, 'Why rest is productive'));
      expect(second).toMatchObject({ status: 'FAILED', errorCode: 'DUPLICATE_CONTENT', regenerations: 2, duplicateOf: { id: first.post!.id } });
      const hookPrompts = server.requests.slice(chatBefore).map((r) => r.body.messages[1]!.content).filter((c) => c.startsWith('Write one'));
      expect(hookPrompts).toHaveLength(3);
      expect(hookPrompts[0]).not.toContain('rewrite');
      expect(hookPrompts[1]).toContain('This is rewrite 1');
      expect(hookPrompts[2]).toContain('This is rewrite 2');
    });

    it('finds a post from its own text through the OpenAI embedding', async () => {
      const personaId = await insertPersona(h.db, 'openai-search');
      const job = await finished(h, await queuePost(h, personaId, 'Morning routines'));
      const before = server.embeddingRequests.length;
      const { similarPosts } = await h.data<{ similarPosts: Similar[] }>('query($text: String!, $p: ID) { similarPosts(text: $text, personaId: $p) { score post { id persona { id } } } }', {
        text: `${job.post!.hook}\n\n${job.post!.body}`,
        p: personaId,
      });
      expect(similarPosts).toEqual([{ score: 1, post: { id: job.post!.id, persona: { id: personaId } } }]);
      expect(server.embeddingRequests.slice(before).map((r) => r.body.input)).toEqual([[`${job.post!.hook}\n\n${job.post!.body}`]]);
    });
  });
});
