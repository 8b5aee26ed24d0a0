import type { Kysely } from 'kysely';

/**
 * `generation_jobs.trace_context`: the W3C trace context (`{"traceparent": "00-…"}`, jsonb) the
 * job was queued in, so that the sweeper's later publish of its JOBS message continues the trace
 * of the `generatePost` that queued it. Null outside a trace, with tracing off, or before this
 * migration.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.withSchema('content').alterTable('generation_jobs').addColumn('trace_context', 'jsonb').execute();
}

/** Drops `generation_jobs.trace_context`. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.withSchema('content').alterTable('generation_jobs').dropColumn('trace_context').execute();
}
