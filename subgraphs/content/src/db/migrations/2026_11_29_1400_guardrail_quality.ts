import { sql } from 'kysely';
import type { Kysely } from 'kysely';

const STATUSES = ['QUEUED', 'PROCESSING', 'COMPLETED', 'FAILED', 'CANCELLED'];

function statusCheck(statuses: string[]) {
  return sql`status in (${sql.join(statuses.map((s) => sql.lit(s)))})`;
}

/**
 * Guardrail and quality gate:
 * - `generation_jobs.status` also takes `BLOCKED` (the constraint is recreated).
 * - `generation_jobs.block_reasons` (jsonb array of `{check, category, detail}`): why a job
 *   ended BLOCKED; empty otherwise.
 * - `posts.quality_score` (0..1, the seed's content quality score); null for posts stored
 *   before the gate.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const schema = db.schema.withSchema('content');
  await schema.alterTable('generation_jobs').dropConstraint('generation_jobs_status_check').execute();
  await schema.alterTable('generation_jobs').addCheckConstraint('generation_jobs_status_check', statusCheck([...STATUSES, 'BLOCKED'])).execute();
  await schema
    .alterTable('generation_jobs')
    .addColumn('block_reasons', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();
  await schema.alterTable('posts').addColumn('quality_score', 'double precision').execute();
}

/** Drops the columns; BLOCKED jobs become FAILED before the narrower constraint returns. */
export async function down(db: Kysely<unknown>): Promise<void> {
  const schema = db.schema.withSchema('content');
  await schema.alterTable('posts').dropColumn('quality_score').execute();
  await schema.alterTable('generation_jobs').dropColumn('block_reasons').execute();
  await db.withSchema('content').updateTable('generation_jobs' as never).set({ status: 'FAILED' } as never).where('status' as never, '=', 'BLOCKED' as never).execute();
  await schema.alterTable('generation_jobs').dropConstraint('generation_jobs_status_check').execute();
  await schema.alterTable('generation_jobs').addCheckConstraint('generation_jobs_status_check', statusCheck(STATUSES)).execute();
}
