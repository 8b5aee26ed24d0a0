import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { createDatabase, migrateToLatest } from '../../../lib/db';
import { CONTENT_SCHEMA } from '../../../subgraphs/content/src/db/database';
import type { ContentDatabase } from '../../../subgraphs/content/src/db/database';
import { migrations } from '../../../subgraphs/content/src/db/migrations';
import { insertEmbeddingOnce, lockPersonaPosts, searchEmbeddings } from '../../../subgraphs/content/src/db/repositories/embeddings';
import { hashingEmbedding } from '../../../subgraphs/content/src/domain/embedding';
import { rankNeighbours } from '../../../subgraphs/content/src/domain/similarity';
import type { Neighbour } from '../../../subgraphs/content/src/domain/similarity';
import { PersonaVectorCache } from '../../../subgraphs/content/src/providers/persona-vector-cache';
import { createTestDatabase } from '../../support/database';
import type { TestDatabase } from '../../support/database';
import { insertPersona, insertPost } from './harness';

const MODEL = 'hashing';
const SCAN_LIMIT = 25;

/** A dense unit vector (every entry non-zero), as an OpenAI embedding is. */
function denseVector(seed: number): number[] {
  const raw = Array.from({ length: 64 }, (_, i) => Math.sin(seed * 31 + i * 7) + 1.5);
  const norm = Math.hypot(...raw);
  return raw.map((v) => v / norm);
}

describe('PersonaVectorCache (the exact index in memory) against the SQL scan', () => {
  let testDb: TestDatabase;
  let db: Kysely<ContentDatabase>;
  let personaId: string;
  let otherPersonaId: string;
  let texts = 0;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = createDatabase<ContentDatabase>({ url: testDb.url, max: 4 });
    await migrateToLatest(db as Kysely<unknown>, CONTENT_SCHEMA, migrations);
    personaId = await insertPersona(db, 'cache-persona');
    otherPersonaId = await insertPersona(db, 'cache-other');
  });

  afterAll(async () => {
    await db?.destroy();
    await testDb?.drop();
  });

  /** Stores a post and its vector (as the generation job does, under the persona's lock); returns the post id. */
  async function store(persona: string, vector: number[], createdAt?: Date): Promise<string> {
    return db.transaction().execute(async (trx) => {
      await lockPersonaPosts(trx, persona);
      const post = await insertPost(trx as unknown as Kysely<ContentDatabase>, { personaId: persona, ...(createdAt ? { createdAt } : {}) });
      await insertEmbeddingOnce(trx, { post_id: post.id, persona_id: persona, provider: 'test', model: MODEL, embedding: vector });
      if (createdAt) await trx.withSchema(CONTENT_SCHEMA).updateTable('post_embeddings').set({ created_at: createdAt }).where('post_id', '=', post.id).execute();
      return post.id;
    });
  }

  const text = () => `post number ${++texts} about grace, patience and ${texts % 7} loaves of bread`;

  /** The SQL scan's answer, ranked as the cache ranks (scores agree to float precision). */
  async function sqlAnswer(vector: number[], limit: number, excludePostId?: string): Promise<Neighbour[]> {
    const found = await searchEmbeddings(db, { vector, model: MODEL, personaId, excludePostId: excludePostId ?? null, limit: SCAN_LIMIT, scanLimit: SCAN_LIMIT });
    return rankNeighbours(found, limit);
  }

  function expectSame(actual: Neighbour[], expected: Neighbour[]): void {
    expect(actual.map((n) => n.postId)).toEqual(expected.map((n) => n.postId));
    actual.forEach((n, i) => {
      expect(n.score).toBeCloseTo(expected[i]!.score, 6);
      expect(n.createdAt.getTime()).toBe(expected[i]!.createdAt.getTime());
      expect(n.personaId).toBe(personaId);
    });
  }

  it('finds what the SQL scan finds, as rows are added, beyond its scan limit, and for another persona apart', async () => {
    const cache = new PersonaVectorCache({ scanLimit: SCAN_LIMIT, maxBytes: 16 * 1024 * 1024 });
    for (let i = 0; i < 10; i++) await store(personaId, hashingEmbedding(text()));
    await store(otherPersonaId, hashingEmbedding('post number 3 about grace, patience and 3 loaves of bread'));
    const query = hashingEmbedding('post number 3 about grace, patience and 3 loaves of bread');
    expectSame(await cache.search(db, { vector: query, model: MODEL, personaId, limit: 5 }), await sqlAnswer(query, 5));

    // 30 more: the oldest fall out of the newest SCAN_LIMIT, in the cache as in SQL.
    for (let i = 0; i < 30; i++) await store(personaId, hashingEmbedding(text()));
    const exact = await cache.search(db, { vector: query, model: MODEL, personaId, limit: 5 });
    expectSame(exact, await sqlAnswer(query, 5));
    expect(exact.every((n) => n.personaId === personaId)).toBe(true);

    const newest = await store(personaId, query);
    const [best] = await cache.search(db, { vector: query, model: MODEL, personaId, limit: 1 });
    expect(best?.postId).toBe(newest);
    expect(best?.score).toBeCloseTo(1, 5);
    const excluded = await cache.search(db, { vector: query, model: MODEL, personaId, excludePostId: newest, limit: 3 });
    expect(excluded.map((n) => n.postId)).not.toContain(newest);
    expectSame(excluded, await sqlAnswer(query, 3, newest));
  });

  it('reads again from scratch when a row committed out of order or rows were deleted', async () => {
    const cache = new PersonaVectorCache({ scanLimit: SCAN_LIMIT, maxBytes: 16 * 1024 * 1024 });
    const query = hashingEmbedding('an entirely new sentence about mercy');
    await cache.search(db, { vector: query, model: MODEL, personaId, limit: 3 });

    // A transaction that took its seq before another committed, committing after it (no lock).
    const late = await db.transaction().execute(async (trx) => {
      const post = await insertPost(trx as unknown as Kysely<ContentDatabase>, { personaId });
      await insertEmbeddingOnce(trx, { post_id: post.id, persona_id: personaId, provider: 'test', model: MODEL, embedding: query });
      await store(personaId, hashingEmbedding(text()));
      // The cache reads past the later row while this one is not committed yet.
      const before = await cache.search(db, { vector: query, model: MODEL, personaId, limit: 1 });
      expect(before.map((n) => n.postId)).not.toContain(post.id);
      return post.id;
    });
    const [found] = await cache.search(db, { vector: query, model: MODEL, personaId, limit: 1 });
    expect(found?.postId).toBe(late);
    expectSame(await cache.search(db, { vector: query, model: MODEL, personaId, limit: 5 }), await sqlAnswer(query, 5));

    await db.withSchema(CONTENT_SCHEMA).deleteFrom('post_embeddings').where('post_id', '=', late).execute();
    const afterDelete = await cache.search(db, { vector: query, model: MODEL, personaId, limit: 5 });
    expect(afterDelete.map((n) => n.postId)).not.toContain(late);
    expectSame(afterDelete, await sqlAnswer(query, 5));
  });

  it('scores dense vectors as the SQL scan does', async () => {
    const persona = await insertPersona(db, `dense-${randomUUID()}`);
    const cache = new PersonaVectorCache({ scanLimit: SCAN_LIMIT, maxBytes: 16 * 1024 * 1024 });
    for (let i = 0; i < 8; i++) await store(persona, denseVector(i));
    const query = denseVector(3.5);
    const cached = await cache.search(db, { vector: query, model: MODEL, personaId: persona, limit: 8 });
    const scanned = rankNeighbours(await searchEmbeddings(db, { vector: query, model: MODEL, personaId: persona, limit: 8, scanLimit: SCAN_LIMIT }), 8);
    expect(cached.map((n) => n.postId)).toEqual(scanned.map((n) => n.postId));
    cached.forEach((n, i) => expect(n.score).toBeCloseTo(scanned[i]!.score, 6));
  });

  it('answers concurrent searches of one persona alike (updates are serialised)', async () => {
    const cache = new PersonaVectorCache({ scanLimit: SCAN_LIMIT, maxBytes: 16 * 1024 * 1024 });
    const query = hashingEmbedding(text());
    const answers = await Promise.all(Array.from({ length: 6 }, () => cache.search(db, { vector: query, model: MODEL, personaId, limit: 4 })));
    const expected = await sqlAnswer(query, 4);
    expect(expected).toHaveLength(4);
    for (const answer of answers) expectSame(answer, expected);
  });
});
