import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import type { ContentDatabase, PostEngagementRow } from '../database';
import { CONTENT_SCHEMA } from '../database';

type Db = Kysely<ContentDatabase> | Transaction<ContentDatabase>;

/** Cumulative engagement totals of a post. */
export type EngagementTotals = Pick<PostEngagementRow, 'impressions' | 'likes' | 'replies' | 'reposts' | 'follows'>;

/**
 * Stores a post's totals (replacing earlier ones) and its engagement rate, in the caller's
 * transaction. The same totals again change nothing, not even `updated_at`.
 */
export async function saveEngagement(db: Db, postId: string, totals: EngagementTotals, engagementRate: number | null): Promise<void> {
  await db
    .withSchema(CONTENT_SCHEMA)
    .insertInto('post_engagement')
    .values({ post_id: postId, ...totals })
    .onConflict((oc) =>
      oc
        .column('post_id')
        .doUpdateSet({ ...totals, updated_at: new Date() })
        .where(
          sql<boolean>`(post_engagement.impressions, post_engagement.likes, post_engagement.replies, post_engagement.reposts, post_engagement.follows)
            is distinct from (excluded.impressions, excluded.likes, excluded.replies, excluded.reposts, excluded.follows)`,
        ),
    )
    .execute();
  await db
    .withSchema(CONTENT_SCHEMA)
    .updateTable('posts')
    .set({ engagement_rate: engagementRate, updated_at: new Date() })
    .where('id', '=', postId)
    .where(sql<boolean>`engagement_rate is distinct from ${engagementRate}::numeric`)
    .execute();
}

/** Engagement rows by post id, in one query (DataLoader batch). */
export async function findEngagementByPostIds(db: Db, postIds: readonly string[]): Promise<PostEngagementRow[]> {
  if (postIds.length === 0) return [];
  return db.withSchema(CONTENT_SCHEMA).selectFrom('post_engagement').selectAll().where('post_id', 'in', postIds).execute();
}
