import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import type { TraceCarrier } from '../tracing';
import { OUTBOX_TABLE } from './migration';

/** Anything a raw query runs on: a Kysely instance or a transaction, of any database type. */
export type SqlExecutor = Parameters<RawBuilder<unknown>['execute']>[0];

/** One event for JetStream, as the outbox stores it. */
export interface OutboxMessage {
  /** JetStream subject. */
  subject: string;
  /** CloudEvents id: the row's unique key and the `Nats-Msg-Id`. */
  eventId: string;
  /** The event's JSON, published byte for byte. */
  payload: string;
  /** W3C trace context the event was written in (column `trace_context`), continued when it is published; null outside a trace. */
  traceContext: TraceCarrier | null;
}

/** An unsent row claimed by a relay pass. */
export interface ClaimedRow extends OutboxMessage {
  id: string;
}

const table = (schema: string) => sql.id(schema, OUTBOX_TABLE);

/** Inserts the messages in order; an event id already in the outbox keeps its first row. */
export async function insertOutboxRows(db: SqlExecutor, schema: string, messages: readonly OutboxMessage[]): Promise<void> {
  if (messages.length === 0) return;
  const values = sql.join(messages.map((m) => sql`(${m.eventId}, ${m.subject}, ${m.payload}, ${m.traceContext ? JSON.stringify(m.traceContext) : null}::jsonb)`));
  await sql`insert into ${table(schema)} (event_id, subject, payload, trace_context) values ${values} on conflict (event_id) do nothing`.execute(db);
}

/**
 * Locks up to `limit` unsent rows older than `minAgeMs`, oldest first, skipping rows another
 * relay holds (`FOR UPDATE SKIP LOCKED`): run it in a transaction that marks what it published.
 */
export async function claimUnsentRows(trx: SqlExecutor, schema: string, options: { limit: number; minAgeMs: number }): Promise<ClaimedRow[]> {
  const { rows } = await sql<{ id: string; event_id: string; subject: string; payload: string; trace_context: TraceCarrier | null }>`
    select id, event_id, subject, payload, trace_context from ${table(schema)}
    where sent_at is null and created_at < now() - make_interval(secs => ${options.minAgeMs / 1000})
    order by id limit ${options.limit}
    for update skip locked`.execute(trx);
  return rows.map((row) => ({ id: String(row.id), eventId: row.event_id, subject: row.subject, payload: row.payload, traceContext: row.trace_context }));
}

/** Whether an unsent row older than `minAgeMs` exists (one index probe, outside any transaction). */
export async function hasUnsentRows(db: SqlExecutor, schema: string, minAgeMs: number): Promise<boolean> {
  const { rows } = await sql<{ found: boolean }>`
    select exists (select 1 from ${table(schema)} where sent_at is null and created_at < now() - make_interval(secs => ${minAgeMs / 1000})) as found`.execute(db);
  return rows[0]?.found === true;
}

/** Marks rows sent by event id. */
export async function markSent(db: SqlExecutor, schema: string, eventIds: readonly string[]): Promise<void> {
  if (eventIds.length === 0) return;
  await sql`update ${table(schema)} set sent_at = now() where event_id = any(${[...eventIds]}::text[]) and sent_at is null`.execute(db);
}

/** Deletes up to `limit` rows sent more than `retentionMs` ago; returns how many. */
export async function pruneSentRows(db: SqlExecutor, schema: string, options: { retentionMs: number; limit: number }): Promise<number> {
  const result = await sql`
    delete from ${table(schema)} where id in (
      select id from ${table(schema)} where sent_at < now() - make_interval(secs => ${options.retentionMs / 1000}) limit ${options.limit})`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** Unsent rows and the age of the oldest one (seconds; 0 when none). */
export async function unsentBacklog(db: SqlExecutor, schema: string): Promise<{ count: number; oldestSeconds: number }> {
  const { rows } = await sql<{ count: string; oldest: number | null }>`
    select count(*) as count, extract(epoch from now() - min(created_at))::float8 as oldest
    from ${table(schema)} where sent_at is null`.execute(db);
  return { count: Number(rows[0]?.count ?? 0), oldestSeconds: rows[0]?.oldest ?? 0 };
}
