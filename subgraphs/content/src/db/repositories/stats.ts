import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { ContentDatabase } from '../database';
import { CONTENT_SCHEMA } from '../database';

/** Aggregates over posts, as returned by Postgres (numerics as strings). */
export interface PostAggregates {
  posts: number;
  averageEngagementRate: number | null;
  tokensUsed: number;
  costUsd: number;
  impressions: number;
  follows: number;
}

/** Sums and averages over all posts, or one persona's. */
export async function aggregatePosts(db: Kysely<ContentDatabase>, personaId: string | null): Promise<PostAggregates> {
  let query = db
    .withSchema(CONTENT_SCHEMA)
    .selectFrom('posts')
    .leftJoin('post_engagement', 'post_engagement.post_id', 'posts.id')
    .select([
      sql<string>`count(*)`.as('posts'),
      sql<string | null>`avg(posts.engagement_rate)`.as('avg_rate'),
      sql<string>`coalesce(sum(posts.tokens_used), 0)`.as('tokens'),
      sql<string>`coalesce(sum(posts.cost_usd), 0)`.as('cost'),
      sql<string>`coalesce(sum(post_engagement.impressions), 0)`.as('impressions'),
      sql<string>`coalesce(sum(post_engagement.follows), 0)`.as('follows'),
    ]);
  if (personaId) query = query.where('posts.persona_id', '=', personaId);
  const row = await query.executeTakeFirstOrThrow();
  return {
    posts: Number(row.posts),
    averageEngagementRate: row.avg_rate === null ? null : Number(row.avg_rate),
    tokensUsed: Number(row.tokens),
    costUsd: Number(row.cost),
    impressions: Number(row.impressions),
    follows: Number(row.follows),
  };
}
