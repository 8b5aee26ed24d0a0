import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * `posts.engagement_rate` becomes an unconstrained `numeric`: `numeric(8, 6)` overflowed (an
 * internal error) for rates of 100 or more, which cumulative totals with more interactions than
 * impressions can give, and kept 6 decimals where `Engagement.engagementRate` has them all.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .withSchema('content')
    .alterTable('posts')
    .alterColumn('engagement_rate', (column) => column.setDataType('numeric'))
    .execute();
}

/** Back to `numeric(8, 6)` (fails while a stored rate is 100 or more). */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .withSchema('content')
    .alterTable('posts')
    .alterColumn('engagement_rate', (column) => column.setDataType(sql`numeric(8, 6)`))
    .execute();
}
