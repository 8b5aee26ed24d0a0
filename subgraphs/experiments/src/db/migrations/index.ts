import type { Migration } from 'kysely';
import { outboxMigration, outboxTraceContextMigration } from '../../../../../lib/outbox';
import { EXPERIMENTS_SCHEMA } from '../database';
import * as createExperimentsTables from './2026_11_21_1200_create_experiments_tables';
import * as recordCreatedBy from './2026_11_29_0900_record_created_by';
import * as addSignificanceAndAllocation from './2026_11_29_1300_add_significance_and_allocation';

/** Migrations of the `experiments` schema, by name (applied in name order). */
export const migrations: Record<string, Migration> = {
  '2026_11_21_1200_create_experiments_tables': createExperimentsTables,
  '2026_11_29_0900_record_created_by': recordCreatedBy,
  '2026_11_29_1300_add_significance_and_allocation': addSignificanceAndAllocation,
  '2026_11_29_1700_create_outbox': outboxMigration(EXPERIMENTS_SCHEMA),
  '2026_11_29_1920_outbox_trace_context': outboxTraceContextMigration(EXPERIMENTS_SCHEMA),
};
