import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import type { ContentDatabase, PostRow } from '../database';
import { CONTENT_SCHEMA } from '../database';

type Db = Kysely<ContentDatabase> | Transaction<ContentDatabase>;

/** Records that the publish message of the post's current publication (`requestedAt`) was accepted. */
export async function markPublicationQueued(db: Db, id: string, requestedAt: Date): Promise<void> {
  await db
    .withSchema(CONTENT_SCHEMA)
    .updateTable('posts')
    .set({ publish_queued_at: new Date() })
    .where('id', '=', id)
    .where('status', '=', 'PUBLISHING')
    .where('publish_requested_at', '=', requestedAt)
    .execute();
}

/** What {@link withPublicationLock} did: ran the work with its result, or nothing because another session held the lock all along. */
export type LockedWork<T> = { locked: true; value: T } | { locked: false };

/** How often a delivery waiting for a post's publication lock tries it again, ms. */
const LOCK_POLL_MS = 100;

/**
 * Runs `work` holding the post's publication lock, waiting up to `waitMs` for another session to
 * release it; returns `{ locked: false }` without running `work` when it is still held then. The
 * lock is a session-level advisory lock on a 64-bit hash of `content.publish:<post id>` (the
 * 64-bit key space, apart from the two-key dedup locks), tried every 100 ms on one pooled
 * connection kept for the duration (`work` runs its queries on other connections: an advisory
 * lock blocks no row); it is released when `work` ends, and by Postgres if the connection dies
 * with its worker.
 */
export async function withPublicationLock<T>(db: Kysely<ContentDatabase>, postId: string, waitMs: number, work: () => Promise<T>): Promise<LockedWork<T>> {
  const key = sql`hashtextextended(${`${CONTENT_SCHEMA}.publish:${postId}`}, 0)`;
  return db.connection().execute(async (conn) => {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_lock(${key}) as locked`.execute(conn);
      if (rows[0]?.locked) break;
      if (Date.now() >= deadline) return { locked: false };
      await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
    }
    try {
      return { locked: true, value: await work() };
    } finally {
      await sql`select pg_advisory_unlock(${key})`.execute(conn);
    }
  });
}

/** Saves the Threads media container made for a post being published. */
export async function savePublishContainer(db: Db, id: string, containerId: string): Promise<void> {
  await db.withSchema(CONTENT_SCHEMA).updateTable('posts').set({ publish_container_id: containerId }).where('id', '=', id).execute();
}

/** A post whose publication was asked for. */
export type RequestedPublication = PostRow & { publish_requested_at: Date };

/** Posts PUBLISHING whose publish message was never accepted, asked for before `olderThan`, oldest first. */
export async function findUnqueuedPublications(db: Db, olderThan: Date, limit: number): Promise<RequestedPublication[]> {
  const rows = await db
    .withSchema(CONTENT_SCHEMA)
    .selectFrom('posts')
    .selectAll()
    .where('status', '=', 'PUBLISHING')
    .where('publish_queued_at', 'is', null)
    .where('publish_requested_at', '<', olderThan)
    .orderBy('publish_requested_at')
    .limit(limit)
    .execute();
  return rows.filter((row): row is RequestedPublication => row.publish_requested_at !== null);
}

/**
 * Claims up to `limit` PUBLISHED posts of `publisher` whose engagement report is due, for
 * `leaseMs`: their `metrics_next_at` moves past the lease in the same statement (`for update skip
 * locked`), so several workers never report the same post at once, and a worker that dies holding
 * a claim leaves it to be claimed again when the lease ends.
 */
export async function claimDueReports(db: Db, publisher: string, leaseMs: number, limit: number): Promise<PostRow[]> {
  const due = db
    .withSchema(CONTENT_SCHEMA)
    .selectFrom('posts')
    .select('id')
    .where('status', '=', 'PUBLISHED')
    .where('publisher', '=', publisher)
    .where('metrics_next_at', '<=', sql<Date>`now()`)
    .orderBy('metrics_next_at')
    .limit(limit)
    .forUpdate()
    .skipLocked();
  return db
    .withSchema(CONTENT_SCHEMA)
    .updateTable('posts')
    .set({ metrics_next_at: sql<Date>`now() + ${`${leaseMs} milliseconds`}::interval` })
    .where('id', 'in', due)
    .returningAll()
    .execute();
}

/** Sets when the post's next engagement report is due (null: none). */
export async function scheduleNextReport(db: Db, id: string, at: Date | null): Promise<void> {
  await db.withSchema(CONTENT_SCHEMA).updateTable('posts').set({ metrics_next_at: at }).where('id', '=', id).execute();
}
