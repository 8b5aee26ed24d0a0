import type { Migration } from 'kysely';
import { outboxMigration, outboxTraceContextMigration } from '../../../../../lib/outbox';
import { CONTENT_SCHEMA } from '../database';
import * as createContentTables from './2026_11_21_1000_create_content_tables';
import * as widenEngagementRate from './2026_11_21_1100_widen_engagement_rate';
import * as recordCreatedBy from './2026_11_29_0900_record_created_by';
import * as jobTextSoFar from './2026_11_29_1000_job_text_so_far';
import * as achievementPosts from './2026_11_29_1200_achievement_posts';
import * as semanticDedup from './2026_11_29_1300_semantic_dedup';
import * as guardrailQuality from './2026_11_29_1400_guardrail_quality';
import * as personaVoice from './2026_11_29_1500_persona_voice';
import * as publishing from './2026_11_29_1600_publishing';
import * as jobRetries from './2026_11_29_1800_job_retries';
import * as embeddingSequence from './2026_11_29_1910_embedding_sequence';
import * as jobTraceContext from './2026_11_29_1930_job_trace_context';

/** Migrations of the `content` schema, by name (applied in name order). */
export const migrations: Record<string, Migration> = {
  '2026_11_21_1000_create_content_tables': createContentTables,
  '2026_11_21_1100_widen_engagement_rate': widenEngagementRate,
  '2026_11_29_0900_record_created_by': recordCreatedBy,
  '2026_11_29_1000_job_text_so_far': jobTextSoFar,
  '2026_11_29_1200_achievement_posts': achievementPosts,
  '2026_11_29_1300_semantic_dedup': semanticDedup,
  '2026_11_29_1400_guardrail_quality': guardrailQuality,
  '2026_11_29_1500_persona_voice': personaVoice,
  '2026_11_29_1600_publishing': publishing,
  '2026_11_29_1700_create_outbox': outboxMigration(CONTENT_SCHEMA),
  '2026_11_29_1800_job_retries': jobRetries,
  '2026_11_29_1910_embedding_sequence': embeddingSequence,
  '2026_11_29_1920_outbox_trace_context': outboxTraceContextMigration(CONTENT_SCHEMA),
  '2026_11_29_1930_job_trace_context': jobTraceContext,
};
