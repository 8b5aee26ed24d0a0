import type { Migration } from 'kysely';
import { outboxMigration, outboxTraceContextMigration } from '../../../../../lib/outbox';
import { ACHIEVEMENTS_SCHEMA } from '../database';
import * as createAchievements from './2026_11_21_1100_create_achievements';
import * as recordCreatedBy from './2026_11_29_0900_record_created_by';
import * as githubSources from './2026_11_29_1100_github_sources';
import * as portfolioSnapshots from './2026_11_29_1200_portfolio_snapshots';

/** Migrations of the `achievements` schema, by name (applied in name order). */
export const migrations: Record<string, Migration> = {
  '2026_11_21_1100_create_achievements': createAchievements,
  '2026_11_29_0900_record_created_by': recordCreatedBy,
  '2026_11_29_1100_github_sources': githubSources,
  '2026_11_29_1200_portfolio_snapshots': portfolioSnapshots,
  '2026_11_29_1700_create_outbox': outboxMigration(ACHIEVEMENTS_SCHEMA),
  '2026_11_29_1920_outbox_trace_context': outboxTraceContextMigration(ACHIEVEMENTS_SCHEMA),
};
