import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * Significance, fixed allocation and early stop:
 * - `experiments` gains `significance_level` (alpha in (0, 1), default 0.05), `min_impressions`
 *   (>= 1, default 10), `early_stop` (default false), and the `FIXED_ALLOCATION` algorithm;
 * - `variants` gains `status` (ACTIVE | PAUSED, the control never PAUSED), `traffic_allocation`
 *   (in (0, 1], null under Thompson sampling), `paused_at` and `pause_reason`.
 * Existing rows keep their behaviour: Thompson sampling, alpha 0.05, no early stop, all ACTIVE.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table experiments.experiments drop constraint if exists experiments_algorithm_check`.execute(db);
  await sql`alter table experiments.experiments add constraint experiments_algorithm_check check (algorithm in ('THOMPSON_SAMPLING','FIXED_ALLOCATION'))`.execute(db);
  const schema = db.schema.withSchema('experiments');
  await schema
    .alterTable('experiments')
    .addColumn('significance_level', 'float8', (c) => c.notNull().defaultTo(0.05).check(sql`significance_level > 0 and significance_level < 1`))
    .addColumn('min_impressions', 'integer', (c) => c.notNull().defaultTo(10).check(sql`min_impressions >= 1`))
    .addColumn('early_stop', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await schema
    .alterTable('variants')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('ACTIVE').check(sql`status in ('ACTIVE','PAUSED')`))
    .addColumn('traffic_allocation', 'float8', (c) => c.check(sql`traffic_allocation > 0 and traffic_allocation <= 1`))
    .addColumn('paused_at', 'timestamptz')
    .addColumn('pause_reason', 'text')
    .execute();
  await schema.alterTable('variants').addCheckConstraint('variants_control_active', sql`not (is_control and status = 'PAUSED')`).execute();
}

/**
 * Drops the new columns and restores the Thompson-only algorithm check; FIXED_ALLOCATION
 * experiments become THOMPSON_SAMPLING ones (their split is dropped with the column).
 */
export async function down(db: Kysely<unknown>): Promise<void> {
  const schema = db.schema.withSchema('experiments');
  await schema.alterTable('variants').dropConstraint('variants_control_active').execute();
  await schema
    .alterTable('variants')
    .dropColumn('status')
    .dropColumn('traffic_allocation')
    .dropColumn('paused_at')
    .dropColumn('pause_reason')
    .execute();
  await schema.alterTable('experiments').dropColumn('significance_level').dropColumn('min_impressions').dropColumn('early_stop').execute();
  await sql`alter table experiments.experiments drop constraint if exists experiments_algorithm_check`.execute(db);
  await sql`update experiments.experiments set algorithm = 'THOMPSON_SAMPLING' where algorithm <> 'THOMPSON_SAMPLING'`.execute(db);
  await sql`alter table experiments.experiments add constraint experiments_algorithm_check check (algorithm in ('THOMPSON_SAMPLING'))`.execute(db);
}
