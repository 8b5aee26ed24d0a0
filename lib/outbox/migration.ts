import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

/** Name of the outbox table in each subgraph's own schema. */
export const OUTBOX_TABLE = 'outbox';

/**
 * The migration that creates a schema's transactional outbox (`<schema>.outbox`): one row per
 * CloudEvent written in the same transaction as the change it announces. `id` orders the relay;
 * `event_id` (the CloudEvents id, unique) is the `Nats-Msg-Id`, so a republish is dropped by
 * JetStream and writing the same event twice keeps one row; `payload` is the event's JSON exactly
 * as published; `sent_at` is null until JetStream acknowledged it (a partial index keeps the
 * relay's scan to the unsent rows).
 */
export function outboxMigration(schema: string): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await sql`
        create table ${sql.id(schema, OUTBOX_TABLE)} (
          id bigint generated always as identity primary key,
          event_id text not null unique,
          subject text not null,
          payload text not null,
          created_at timestamptz not null default now(),
          sent_at timestamptz
        )`.execute(db);
      await sql`create index ${sql.id(`${OUTBOX_TABLE}_unsent`)} on ${sql.id(schema, OUTBOX_TABLE)} (id) where sent_at is null`.execute(db);
    },
    async down(db: Kysely<unknown>) {
      await sql`drop table ${sql.id(schema, OUTBOX_TABLE)}`.execute(db);
    },
  };
}
