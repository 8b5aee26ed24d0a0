import type { Kysely } from 'kysely';

/** `generation_jobs.text`: what a running job has written so far (hook, blank line, body). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.withSchema('content').alterTable('generation_jobs').addColumn('text', 'text').execute();
}

/** Drops `generation_jobs.text`. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.withSchema('content').alterTable('generation_jobs').dropColumn('text').execute();
}
