import type { Kysely, Transaction, Updateable } from 'kysely';
import type { TraceCarrier } from '../../../../../lib/tracing';
import type { ContentDatabase, GenerationJobRow, GenerationJobsTable } from '../database';
import { CONTENT_SCHEMA } from '../database';

type Db = Kysely<ContentDatabase> | Transaction<ContentDatabase>;

/** Fields of a new job (status QUEUED). */
export interface NewJob {
  persona_id: string;
  topic: string;
  /** Achievement the post will be about (copied to the post), or null. */
  achievement_id: string | null;
  idempotency_key: string | null;
  experiment_id: string | null;
  created_by: string;
  /** W3C trace context the job is queued in (`captureTraceContext()`), for the sweeper's later publish; none by default. */
  trace_context?: TraceCarrier | null;
}

/**
 * Inserts a QUEUED job. With an idempotency key already used by the persona nothing is
 * inserted and `created` is false: the existing job is returned.
 */
export async function insertJob(db: Db, job: NewJob): Promise<{ job: GenerationJobRow; created: boolean }> {
  const inserted = await db
    .withSchema(CONTENT_SCHEMA)
    .insertInto('generation_jobs')
    .values({ ...job, trace_context: job.trace_context ? JSON.stringify(job.trace_context) : null })
    .onConflict((oc) => oc.columns(['persona_id', 'idempotency_key']).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return { job: inserted, created: true };
  const existing = await db
    .withSchema(CONTENT_SCHEMA)
    .selectFrom('generation_jobs')
    .selectAll()
    .where('persona_id', '=', job.persona_id)
    .where('idempotency_key', '=', job.idempotency_key)
    .executeTakeFirstOrThrow();
  return { job: existing, created: false };
}

/** A job by idempotency key of a persona, or null. */
export async function findJobByIdempotencyKey(db: Db, personaId: string, key: string): Promise<GenerationJobRow | null> {
  const row = await db
    .withSchema(CONTENT_SCHEMA)
    .selectFrom('generation_jobs')
    .selectAll()
    .where('persona_id', '=', personaId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
  return row ?? null;
}

/** Jobs by id, in one query (DataLoader batch). */
export async function findJobsByIds(db: Db, ids: readonly string[]): Promise<GenerationJobRow[]> {
  if (ids.length === 0) return [];
  return db.withSchema(CONTENT_SCHEMA).selectFrom('generation_jobs').selectAll().where('id', 'in', ids).execute();
}

/** Jobs by the id of the post they made (or will make), in one query. */
export async function findJobsByPostIds(db: Db, postIds: readonly string[]): Promise<GenerationJobRow[]> {
  if (postIds.length === 0) return [];
  return db.withSchema(CONTENT_SCHEMA).selectFrom('generation_jobs').selectAll().where('post_id', 'in', postIds).execute();
}

/** One job, optionally locked `for update` inside a transaction. */
export async function findJob(db: Db, id: string, lock = false): Promise<GenerationJobRow | null> {
  let query = db.withSchema(CONTENT_SCHEMA).selectFrom('generation_jobs').selectAll().where('id', '=', id);
  if (lock) query = query.forUpdate();
  return (await query.executeTakeFirst()) ?? null;
}

/**
 * Updates a job when its status is one of `fromStatuses`; returns the updated row, or null when
 * the job is missing or in another status (the guard makes state changes race-free).
 */
export async function updateJobIfStatus(
  db: Db,
  id: string,
  fromStatuses: GenerationJobRow['status'][],
  changes: Updateable<GenerationJobsTable>,
): Promise<GenerationJobRow | null> {
  const row = await db
    .withSchema(CONTENT_SCHEMA)
    .updateTable('generation_jobs')
    .set({ ...changes, updated_at: new Date() })
    .where('id', '=', id)
    .where('status', 'in', fromStatuses)
    .returningAll()
    .executeTakeFirst();
  return row ?? null;
}

/** Marks the job's JOBS message as accepted by JetStream. */
export async function markJobPublished(db: Db, id: string): Promise<void> {
  await db
    .withSchema(CONTENT_SCHEMA)
    .updateTable('generation_jobs')
    .set({ published_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/** QUEUED jobs whose message was never accepted, created before `olderThan` (oldest first). */
export async function findUnpublishedJobs(db: Db, olderThan: Date, limit: number): Promise<GenerationJobRow[]> {
  return db
    .withSchema(CONTENT_SCHEMA)
    .selectFrom('generation_jobs')
    .selectAll()
    .where('status', '=', 'QUEUED')
    .where('published_at', 'is', null)
    .where('created_at', '<', olderThan)
    .orderBy('created_at')
    .limit(limit)
    .execute();
}
