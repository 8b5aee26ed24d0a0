import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';
import { OUTBOX_TABLE } from './migration';

/**
 * The migration that adds `trace_context` to a schema's outbox (`<schema>.outbox`, see
 * `outboxMigration`): the W3C trace context (`{"traceparent": "00-…", "tracestate": "…"}`, jsonb)
 * the event was written in, so that the relay's later publish continues the writer's trace.
 * Null for rows written outside a trace, with tracing off, or before this migration.
 */
export function outboxTraceContextMigration(schema: string): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await sql`alter table ${sql.id(schema, OUTBOX_TABLE)} add column trace_context jsonb`.execute(db);
    },
    async down(db: Kysely<unknown>) {
      await sql`alter table ${sql.id(schema, OUTBOX_TABLE)} drop column trace_context`.execute(db);
    },
  };
}
