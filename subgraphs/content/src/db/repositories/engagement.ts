import type { Kysely, Transaction } from 'kysely';
import type { ContentDatabase, PostEngagementRow } from '../database';
import { CONTENT_SCHEMA } from '../database';

type Db = Kysely<ContentDatabase> | Transaction<ContentDatabase>;

/** Cumulative engagement totals of a post. */
export type EngagementTotals = Pick<PostEngagementRow, 'impressions' | 'likes' | 'replies' | 'reposts' | 'follows'>;

/** Stores a post's totals (replacing earlier ones) and its engagement rate, in the caller's transaction. */
export async function saveEngagement(db: Db, postId: string, totals: EngagementTotals, engagementRate: number | null): Promise<void> {
  await db
    .withSchema(CONTENT_SCHEMA)
    .insertInto('post_engagement')
    .values({ post_id: postId, ...totals })
    .onConflict((oc) => oc.column('post_id').doUpdateSet({ ...totals, updated_at: new Date() }))
    .execute();
  await db
    .withSchema(CONTENT_SCHEMA)
    .updateTable('posts')
    .set({ engagement_rate: engagementRate, updated_at: new Date() })
    .where('id', '=', postId)
    .execute();
}

/** Engagement rows by post id, in one query (DataLoader batch). */
export async function findEngagementByPostIds(db: Db, postIds: readonly string[]): Promise<PostEngagementRow[]> {
  if (postIds.length === 0) return [];
  return db.withSchema(CONTENT_SCHEMA).selectFrom('post_engagement').selectAll().where('post_id', 'in', postIds).execute();
}
