import { sql } from 'kysely';
import type { Kysely } from 'kysely';

const now = sql`date_trunc('milliseconds', now())`;

/**
 * The `achievements.achievements` table: scores 0..100, hours >= 0, business value in USD,
 * source identity unique per source when set, indexes for the filters and both keyset orders.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const schema = db.schema.withSchema('achievements');
  await schema
    .createTable('achievements')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('title', 'text', (c) => c.notNull().check(sql`char_length(title) between 1 and 200`))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('category', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`category in ('FEATURE','PERFORMANCE','RELIABILITY','SECURITY','INFRASTRUCTURE','TESTING','DOCUMENTATION','ARCHITECTURE','BUGFIX','OTHER')`,
        ),
    )
    .addColumn('impact_score', 'numeric(5, 2)', (c) => c.notNull().check(sql`impact_score between 0 and 100`))
    .addColumn('complexity_score', 'numeric(5, 2)', (c) => c.notNull().check(sql`complexity_score between 0 and 100`))
    .addColumn('business_value', 'numeric(14, 2)', (c) => c.check(sql`business_value >= 0`))
    .addColumn('time_saved_hours', 'numeric(10, 2)', (c) => c.notNull().defaultTo(0).check(sql`time_saved_hours >= 0`))
    .addColumn('duration_hours', 'numeric(10, 2)', (c) => c.check(sql`duration_hours >= 0`))
    .addColumn('source_type', 'text', (c) => c.notNull().defaultTo('MANUAL').check(sql`source_type in ('MANUAL','GITHUB_PR')`))
    .addColumn('source_id', 'text')
    .addColumn('source_url', 'text')
    .addColumn('portfolio_ready', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('tags', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('skills', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('metrics', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('started_at', 'timestamptz')
    .addColumn('completed_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addCheckConstraint('achievements_timeline', sql`completed_at is null or started_at is null or completed_at >= started_at`)
    .execute();

  await schema
    .createIndex('achievements_source_unique')
    .on('achievements')
    .columns(['source_type', 'source_id'])
    .unique()
    .where(sql.ref('source_id'), 'is not', null)
    .execute();
  await schema.createIndex('achievements_created').on('achievements').columns(['created_at desc', 'id desc']).execute();
  await schema.createIndex('achievements_impact').on('achievements').columns(['impact_score desc', 'id desc']).execute();
  await schema
    .createIndex('achievements_category_created')
    .on('achievements')
    .columns(['category', 'created_at desc', 'id desc'])
    .execute();
  await schema
    .createIndex('achievements_portfolio_created')
    .on('achievements')
    .columns(['created_at desc', 'id desc'])
    .where(sql.ref('portfolio_ready'), '=', true)
    .execute();
}

/** Drops the achievements table (and its indexes). */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.withSchema('achievements').dropTable('achievements').ifExists().execute();
}
