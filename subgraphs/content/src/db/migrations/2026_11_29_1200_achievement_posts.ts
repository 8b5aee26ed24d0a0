import type { Kysely } from 'kysely';

/**
 * Posts about achievements: `generation_jobs.achievement_id` and `posts.achievement_id` (the
 * achievements subgraph's id, no foreign key: another subgraph owns it), and the index behind
 * `Achievement.posts` (newest first per achievement).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const schema = db.schema.withSchema('content');
  await schema.alterTable('generation_jobs').addColumn('achievement_id', 'uuid').execute();
  await schema.alterTable('posts').addColumn('achievement_id', 'uuid').execute();
  await schema
    .createIndex('posts_achievement_created')
    .on('posts')
    .columns(['achievement_id', 'created_at desc', 'id desc'])
    .where('achievement_id', 'is not', null)
    .execute();
}

/** Drops the index and both columns. */
export async function down(db: Kysely<unknown>): Promise<void> {
  const schema = db.schema.withSchema('content');
  await schema.dropIndex('posts_achievement_created').ifExists().execute();
  await schema.alterTable('posts').dropColumn('achievement_id').execute();
  await schema.alterTable('generation_jobs').dropColumn('achievement_id').execute();
}
