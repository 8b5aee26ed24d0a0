import DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import type { Connection, PageArgs } from '../../../lib/graphql';
import { toConnection } from '../../../lib/graphql';
import type { ContentDatabase, GenerationJobRow, PersonaRow, PostEngagementRow, PostRow } from './db/database';
import { findEmbeddingsByPostIds } from './db/repositories/embeddings';
import { findEngagementByPostIds } from './db/repositories/engagement';
import { findJobsByIds, findJobsByPostIds } from './db/repositories/jobs';
import { findPersonasByIds } from './db/repositories/personas';
import { findPostsByIds, listPostsForAchievements, listPostsForPersonas } from './db/repositories/posts';
import { postText } from './domain/post-text';
import type { Embedder } from './providers/embedder';

/** Per-request DataLoaders of the content subgraph (one SQL query per batch). */
export interface ContentLoaders {
  personaById: DataLoader<string, PersonaRow | null>;
  postById: DataLoader<string, PostRow | null>;
  jobById: DataLoader<string, GenerationJobRow | null>;
  jobByPostId: DataLoader<string, GenerationJobRow | null>;
  engagementByPostId: DataLoader<string, PostEngagementRow | null>;
  /** Keyed by `[personaId, page]`; one query per distinct page for all personas. */
  postsOfPersona: DataLoader<{ personaId: string; page: PageArgs }, Connection<PostRow>, string>;
  /** Keyed by `[achievementId, limit]`: the newest `limit` posts of each; one query per batch (the largest limit, sliced). */
  postsOfAchievement: DataLoader<{ achievementId: string; limit: number }, PostRow[], string>;
  /**
   * Keyed by post (id): its unit vector in the embedder's model, as stored when it was generated;
   * a post without one (inserted otherwise, or stored under another model) has its text embedded.
   * One query and at most one embedding request per batch.
   */
  postVector: DataLoader<PostRow, number[], string>;
}

function byKey<K, R>(keys: readonly K[], rows: R[], keyOf: (row: R) => K): Array<R | null> {
  const map = new Map<K, R>();
  for (const row of rows) map.set(keyOf(row), row);
  return keys.map((key) => map.get(key) ?? null);
}

/** Creates fresh loaders; call once per request (caches must not outlive it). */
export function createLoaders(db: Kysely<ContentDatabase>, embedder: Embedder): ContentLoaders {
  return {
    personaById: new DataLoader(async (ids) => byKey(ids, await findPersonasByIds(db, ids), (r) => r.id)),
    postById: new DataLoader(async (ids) => byKey(ids, await findPostsByIds(db, ids), (r) => r.id)),
    jobById: new DataLoader(async (ids) => byKey(ids, await findJobsByIds(db, ids), (r) => r.id)),
    jobByPostId: new DataLoader(async (ids) => byKey(ids, await findJobsByPostIds(db, ids), (r) => r.post_id)),
    engagementByPostId: new DataLoader(async (ids) => byKey(ids, await findEngagementByPostIds(db, ids), (r) => r.post_id)),
    postsOfPersona: new DataLoader(
      async (keys) => {
        const byPage = new Map<string, { page: PageArgs; personaIds: string[] }>();
        for (const key of keys) {
          const pageKey = JSON.stringify(key.page);
          const group = byPage.get(pageKey) ?? { page: key.page, personaIds: [] };
          group.personaIds.push(key.personaId);
          byPage.set(pageKey, group);
        }
        const rowsByPage = new Map<string, PostRow[]>();
        for (const [pageKey, group] of byPage) {
          rowsByPage.set(pageKey, await listPostsForPersonas(db, group.personaIds, group.page));
        }
        return keys.map((key) => {
          const rows = rowsByPage.get(JSON.stringify(key.page)) ?? [];
          return toConnection(
            rows.filter((row) => row.persona_id === key.personaId),
            key.page,
          );
        });
      },
      { cacheKeyFn: (key) => `${key.personaId}:${JSON.stringify(key.page)}` },
    ),
    postsOfAchievement: new DataLoader(
      async (keys) => {
        const limit = Math.max(...keys.map((key) => key.limit));
        const rows = await listPostsForAchievements(db, [...new Set(keys.map((key) => key.achievementId))], limit);
        return keys.map((key) => rows.filter((row) => row.achievement_id === key.achievementId).slice(0, key.limit));
      },
      { cacheKeyFn: (key) => `${key.achievementId}:${key.limit}` },
    ),
    postVector: new DataLoader(
      async (posts) => {
        const vectors = new Map((await findEmbeddingsByPostIds(db, posts.map((post) => post.id), embedder.model)).map((row) => [row.post_id, row.embedding]));
        const missing = posts.filter((post) => !vectors.has(post.id));
        const embedded = missing.length > 0 ? await embedder.embed(missing.map((post) => postText(post.hook, post.body))) : [];
        missing.forEach((post, i) => vectors.set(post.id, embedded[i] ?? []));
        return posts.map((post) => vectors.get(post.id) ?? []);
      },
      { cacheKeyFn: (post) => post.id },
    ),
  };
}
