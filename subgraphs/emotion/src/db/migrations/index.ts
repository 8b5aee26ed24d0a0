import type { Migration } from 'kysely';
import { outboxMigration, outboxTraceContextMigration } from '../../../../../lib/outbox';
import { EMOTION_SCHEMA } from '../database';
import * as createEmotionTables from './2026_11_21_1000_create_emotion_tables';

/** Migrations of the `emotion` schema, by name (applied in name order). */
export const migrations: Record<string, Migration> = {
  '2026_11_21_1000_create_emotion_tables': createEmotionTables,
  '2026_11_29_1700_create_outbox': outboxMigration(EMOTION_SCHEMA),
  '2026_11_29_1920_outbox_trace_context': outboxTraceContextMigration(EMOTION_SCHEMA),
};
