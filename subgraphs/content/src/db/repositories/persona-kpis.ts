import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { ContentDatabase } from '../database';
import { CONTENT_SCHEMA } from '../database';
import type { PersonaTotals } from '../../domain/persona-kpis';

/** Totals of every persona's posts (personas without posts included), most posts first. */
export async function personaTotals(db: Kysely<ContentDatabase>): Promise<PersonaTotals[]> {
  const rows = await db
    .withSchema(CONTENT_SCHEMA)
    .selectFrom('personas')
    .leftJoin('posts', 'posts.persona_id', 'personas.id')
    .leftJoin('post_engagement', 'post_engagement.post_id', 'posts.id')
    .select([
      'personas.name',
      sql<string>`count(posts.id)`.as('posts'),
      sql<string>`count(posts.engagement_rate)`.as('rated'),
      sql<string>`coalesce(sum(posts.engagement_rate), 0)`.as('rate_sum'),
      sql<string>`coalesce(sum(posts.cost_usd), 0)`.as('cost'),
      sql<string>`coalesce(sum(post_engagement.follows), 0)`.as('follows'),
    ])
    .groupBy(['personas.id', 'personas.name'])
    .orderBy(sql`count(posts.id)`, 'desc')
    .orderBy('personas.name')
    .execute();
  return rows.map((row) => ({
    persona: row.name,
    posts: Number(row.posts),
    ratedPosts: Number(row.rated),
    engagementRateSum: Number(row.rate_sum),
    costUsd: Number(row.cost),
    follows: Number(row.follows),
  }));
}
