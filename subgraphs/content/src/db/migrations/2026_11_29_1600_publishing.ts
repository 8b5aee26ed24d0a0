import { sql } from 'kysely';
import type { Kysely } from 'kysely';

const STATUSES = ['DRAFT', 'PUBLISHED', 'ARCHIVED'];

function statusCheck(statuses: string[]) {
  return sql`status in (${sql.join(statuses.map((s) => sql.lit(s)))})`;
}

/**
 * Publishing (issue 9): posts start as drafts and are published through a publisher.
 * - `posts.status` also takes `PUBLISHING` (queued for the publisher) and `PUBLISH_FAILED`.
 * - `posts.publisher` (`simulated` or `threads`), `external_id`, `url`, `published_at`: where and
 *   when the post was published; `publish_error`: why the last publication failed.
 * - `posts.publish_container_id`: the Threads media container made for the post (a retry
 *   publishes the same container instead of making another).
 * - `posts.publish_requested_at`: when the current publication was asked for (names its JOBS
 *   message, so that a retry after PUBLISH_FAILED is not dropped as a duplicate of the first).
 * - `posts.publish_queued_at`: when the JOBS message was accepted; null while PUBLISHING means
 *   "to (re)queue" (the sweeper's, as for jobs).
 * - `posts.metrics_next_at`: when the publisher is next asked for the post's engagement; null
 *   when no more reports are due.
 * - `personas.auto_publish`: the persona's new posts are published as soon as they are stored.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const schema = db.schema.withSchema('content');
  await schema.alterTable('posts').dropConstraint('posts_status_check').execute();
  await schema.alterTable('posts').addCheckConstraint('posts_status_check', statusCheck([...STATUSES, 'PUBLISHING', 'PUBLISH_FAILED'])).execute();
  await schema
    .alterTable('posts')
    .addColumn('publisher', 'text')
    .addColumn('external_id', 'text')
    .addColumn('url', 'text')
    .addColumn('published_at', 'timestamptz')
    .addColumn('publish_error', 'text')
    .addColumn('publish_container_id', 'text')
    .addColumn('publish_requested_at', 'timestamptz')
    .addColumn('publish_queued_at', 'timestamptz')
    .addColumn('metrics_next_at', 'timestamptz')
    .execute();
  await schema.createIndex('posts_metrics_due').on('posts').column('metrics_next_at').where(sql.ref('metrics_next_at'), 'is not', null).execute();
  await schema
    .createIndex('posts_publish_unqueued')
    .on('posts')
    .column('publish_requested_at')
    .where(sql<boolean>`status = 'PUBLISHING' and publish_queued_at is null`)
    .execute();
  await schema.alterTable('personas').addColumn('auto_publish', 'boolean', (c) => c.notNull().defaultTo(false)).execute();
}

/** Drops the columns; posts being published go back to DRAFT and failed ones too, before the narrower constraint returns. */
export async function down(db: Kysely<unknown>): Promise<void> {
  const schema = db.schema.withSchema('content');
  await schema.alterTable('personas').dropColumn('auto_publish').execute();
  await schema.dropIndex('posts_publish_unqueued').execute();
  await schema.dropIndex('posts_metrics_due').execute();
  await schema
    .alterTable('posts')
    .dropColumn('metrics_next_at')
    .dropColumn('publish_queued_at')
    .dropColumn('publish_requested_at')
    .dropColumn('publish_container_id')
    .dropColumn('publish_error')
    .dropColumn('published_at')
    .dropColumn('url')
    .dropColumn('external_id')
    .dropColumn('publisher')
    .execute();
  await sql`update content.posts set status = 'DRAFT' where status in ('PUBLISHING', 'PUBLISH_FAILED')`.execute(db);
  await schema.alterTable('posts').dropConstraint('posts_status_check').execute();
  await schema.alterTable('posts').addCheckConstraint('posts_status_check', statusCheck(STATUSES)).execute();
}
