import type { Kysely } from 'kysely';

/**
 * `generation_jobs.attempt_base`: attempts made before the job's latest `retryGenerationJob`
 * (0 until then), so that a retried job's attempt numbers go on from where they stopped.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.withSchema('content').alterTable('generation_jobs').addColumn('attempt_base', 'integer', (col) => col.notNull().defaultTo(0)).execute();
}

/** Drops `generation_jobs.attempt_base`. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.withSchema('content').alterTable('generation_jobs').dropColumn('attempt_base').execute();
}
