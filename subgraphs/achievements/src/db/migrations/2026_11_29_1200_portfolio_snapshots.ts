import { sql } from 'kysely';
import type { Kysely } from 'kysely';

const now = sql`date_trunc('milliseconds', now())`;

/**
 * `achievements.portfolio_snapshots`: every exported portfolio, its content stored whole (the
 * seed kept a 1000-character preview), with the totals and the effective filter it was made
 * with. `version` is the creation time `YYYYMMDD_HHMMSS` (UTC) as in the seed, suffixed `_2`,
 * `_3`... when that second already has a snapshot of the same format, so `(version, format)`
 * stays unique. `total_business_value` is `numeric(17, 2)`: up to 500 achievements of at most
 * 999 999 999 999.99 USD each (`achievements.business_value` is `numeric(14, 2)`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const schema = db.schema.withSchema('achievements');
  await schema
    .createTable('portfolio_snapshots')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('version', 'text', (c) => c.notNull().check(sql`version ~ '^[0-9]{8}_[0-9]{6}(_[0-9]+)?$'`))
    .addColumn('format', 'text', (c) => c.notNull().check(sql`format in ('MARKDOWN','JSON','HTML')`))
    .addColumn('template', 'text', (c) => c.check(sql`template in ('EXECUTIVE_SUMMARY','TECHNICAL_PORTFOLIO','FULL_ARCHIVE')`))
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('total_achievements', 'integer', (c) => c.notNull().check(sql`total_achievements >= 0`))
    .addColumn('total_impact_score', 'numeric(12, 2)', (c) => c.notNull().check(sql`total_impact_score >= 0`))
    .addColumn('total_business_value', 'numeric(17, 2)', (c) => c.notNull().check(sql`total_business_value >= 0`))
    .addColumn('total_time_saved_hours', 'numeric(14, 2)', (c) => c.notNull().check(sql`total_time_saved_hours >= 0`))
    .addColumn('filter', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('portfolio_snapshots_version_format', ['version', 'format'])
    .execute();
  await schema.createIndex('portfolio_snapshots_created').on('portfolio_snapshots').columns(['created_at desc', 'id desc']).execute();
  await schema
    .createIndex('portfolio_snapshots_format_created')
    .on('portfolio_snapshots')
    .columns(['format', 'created_at desc', 'id desc'])
    .execute();
}

/** Drops the snapshots table (and its indexes). */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.withSchema('achievements').dropTable('portfolio_snapshots').ifExists().execute();
}
