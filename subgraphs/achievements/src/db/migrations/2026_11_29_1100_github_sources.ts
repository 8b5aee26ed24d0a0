import { sql } from 'kysely';
import type { Kysely } from 'kysely';

const now = sql`date_trunc('milliseconds', now())`;

/**
 * GitHub as a source of achievements:
 * - `achievements` gains `GITHUB_ISSUE` sources, the business value's method and confidence, the
 *   score breakdown and a display priority (0..100, portfolio order);
 * - `webhook_deliveries`: every verified delivery (payload included), by `X-GitHub-Delivery`;
 * - `pr_achievements` (one per merged PR, unique by repository and number), `pr_code_changes`
 *   (its files) and `git_commits` (by repository and sha).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table achievements.achievements drop constraint if exists achievements_source_type_check`.execute(db);
  await sql`alter table achievements.achievements add constraint achievements_source_type_check check (source_type in ('MANUAL','GITHUB_PR','GITHUB_ISSUE'))`.execute(db);
  const schema = db.schema.withSchema('achievements');
  await schema
    .alterTable('achievements')
    .addColumn('business_value_method', 'text')
    .addColumn('business_value_confidence', 'numeric(3, 2)', (c) => c.check(sql`business_value_confidence between 0 and 1`))
    .addColumn('score_breakdown', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('display_priority', 'integer', (c) => c.notNull().defaultTo(50).check(sql`display_priority between 0 and 100`))
    .execute();

  await schema
    .createTable('webhook_deliveries')
    .addColumn('delivery_id', 'text', (c) => c.primaryKey())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('action', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('RECEIVED').check(sql`status in ('RECEIVED','PROCESSED','IGNORED','FAILED')`))
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('error', 'text')
    .addColumn('achievement_id', 'uuid', (c) => c.references('achievements.achievements.id').onDelete('set null'))
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('published_at', 'timestamptz')
    .addColumn('processed_at', 'timestamptz')
    .execute();
  await schema
    .createIndex('webhook_deliveries_unpublished')
    .on('webhook_deliveries')
    .column('received_at')
    .where(sql.ref('published_at'), 'is', null)
    .execute();

  await schema
    .createTable('pr_achievements')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('achievement_id', 'uuid', (c) => c.notNull().unique().references('achievements.achievements.id').onDelete('cascade'))
    .addColumn('repository', 'text', (c) => c.notNull())
    .addColumn('pr_number', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('merged_at', 'timestamptz', (c) => c.notNull())
    .addColumn('additions', 'integer', (c) => c.notNull())
    .addColumn('deletions', 'integer', (c) => c.notNull())
    .addColumn('changed_files', 'integer', (c) => c.notNull())
    .addColumn('commits', 'integer')
    .addColumn('review_count', 'integer')
    .addColumn('reviewers', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('labels', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('pr_achievements_repository_number', ['repository', 'pr_number'])
    .execute();

  await schema
    .createTable('pr_code_changes')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('pr_achievement_id', 'uuid', (c) => c.notNull().references('achievements.pr_achievements.id').onDelete('cascade'))
    .addColumn('file_path', 'text', (c) => c.notNull())
    .addColumn('language', 'text')
    .addColumn('change_type', 'text', (c) => c.notNull())
    .addColumn('lines_added', 'integer', (c) => c.notNull().check(sql`lines_added >= 0`))
    .addColumn('lines_deleted', 'integer', (c) => c.notNull().check(sql`lines_deleted >= 0`))
    .addUniqueConstraint('pr_code_changes_file', ['pr_achievement_id', 'file_path'])
    .execute();

  await schema
    .createTable('git_commits')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('repository', 'text', (c) => c.notNull())
    .addColumn('sha', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('committed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('branch', 'text')
    .addColumn('files_changed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('additions', 'integer')
    .addColumn('deletions', 'integer')
    .addColumn('is_significant', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('category', 'text')
    .addColumn('pr_achievement_id', 'uuid', (c) => c.references('achievements.pr_achievements.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('git_commits_repository_sha', ['repository', 'sha'])
    .execute();
}

/** Drops the GitHub tables and columns (achievements from GitHub issues must be gone first). */
export async function down(db: Kysely<unknown>): Promise<void> {
  const schema = db.schema.withSchema('achievements');
  for (const table of ['git_commits', 'pr_code_changes', 'pr_achievements', 'webhook_deliveries']) await schema.dropTable(table).ifExists().execute();
  await schema
    .alterTable('achievements')
    .dropColumn('business_value_method')
    .dropColumn('business_value_confidence')
    .dropColumn('score_breakdown')
    .dropColumn('display_priority')
    .execute();
  await sql`alter table achievements.achievements drop constraint if exists achievements_source_type_check`.execute(db);
  await sql`alter table achievements.achievements add constraint achievements_source_type_check check (source_type in ('MANUAL','GITHUB_PR'))`.execute(db);
}
