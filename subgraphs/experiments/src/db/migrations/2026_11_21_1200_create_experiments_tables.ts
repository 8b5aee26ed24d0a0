import { sql } from 'kysely';
import type { Kysely } from 'kysely';

const now = sql`date_trunc('milliseconds', now())`;

/**
 * The `experiments` schema: experiments (one ACTIVE per persona), variants with their counts,
 * variant assignments by job (one per post) and the applied CloudEvents (idempotency).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const schema = db.schema.withSchema('experiments');
  await schema
    .createTable('experiments')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull().check(sql`char_length(name) between 1 and 200`))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('persona_id', 'uuid', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('DRAFT').check(sql`status in ('DRAFT','ACTIVE','PAUSED','COMPLETED')`),
    )
    .addColumn('algorithm', 'text', (c) => c.notNull().defaultTo('THOMPSON_SAMPLING').check(sql`algorithm in ('THOMPSON_SAMPLING')`))
    .addColumn('winner_variant_id', 'uuid')
    .addColumn('started_at', 'timestamptz')
    .addColumn('ended_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await schema
    .createIndex('experiments_one_active_per_persona')
    .on('experiments')
    .column('persona_id')
    .unique()
    .where(sql.ref('status'), '=', 'ACTIVE')
    .execute();
  await schema.createIndex('experiments_persona_created').on('experiments').columns(['persona_id', 'created_at desc']).execute();
  await schema.createIndex('experiments_status_created').on('experiments').columns(['status', 'created_at desc']).execute();

  await schema
    .createTable('variants')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('experiment_id', 'uuid', (c) => c.notNull().references('experiments.experiments.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull().check(sql`char_length(name) between 1 and 100`))
    .addColumn('is_control', 'boolean', (c) => c.notNull())
    .addColumn('dimensions', 'jsonb', (c) => c.notNull().check(sql`jsonb_typeof(dimensions) = 'object'`))
    .addColumn('impressions', 'bigint', (c) => c.notNull().defaultTo(0).check(sql`impressions >= 0`))
    .addColumn('successes', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('variants_experiment_name', ['experiment_id', 'name'])
    .addUniqueConstraint('variants_experiment_id', ['experiment_id', 'id'])
    .addCheckConstraint('variants_successes_range', sql`successes between 0 and impressions`)
    .execute();
  await schema
    .createIndex('variants_one_control')
    .on('variants')
    .column('experiment_id')
    .unique()
    .where(sql.ref('is_control'), '=', true)
    .execute();
  await schema
    .alterTable('experiments')
    .addForeignKeyConstraint('experiments_winner_variant', ['id', 'winner_variant_id'], 'experiments.variants', ['experiment_id', 'id'])
    .execute();

  await schema
    .createTable('variant_assignments')
    .addColumn('job_id', 'uuid', (c) => c.primaryKey())
    .addColumn('post_id', 'uuid', (c) => c.notNull().unique())
    .addColumn('variant_id', 'uuid', (c) => c.notNull())
    .addColumn('experiment_id', 'uuid', (c) => c.notNull())
    .addColumn('persona_id', 'uuid', (c) => c.notNull())
    .addColumn('recorded_impressions', 'bigint', (c) => c.notNull().defaultTo(0).check(sql`recorded_impressions >= 0`))
    .addColumn('recorded_successes', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addForeignKeyConstraint('variant_assignments_variant', ['experiment_id', 'variant_id'], 'experiments.variants', ['experiment_id', 'id'], (c) =>
      c.onDelete('cascade'),
    )
    .addCheckConstraint('variant_assignments_successes_range', sql`recorded_successes between 0 and recorded_impressions`)
    .execute();
  await schema.createIndex('variant_assignments_variant').on('variant_assignments').column('variant_id').execute();

  await schema
    .createTable('experiment_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('post_id', 'uuid')
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await schema.createIndex('experiment_events_created').on('experiment_events').column('created_at').execute();
}

/** Drops the experiments tables (and their indexes and constraints). */
export async function down(db: Kysely<unknown>): Promise<void> {
  const schema = db.schema.withSchema('experiments');
  await schema.dropTable('experiment_events').ifExists().execute();
  await schema.dropTable('variant_assignments').ifExists().execute();
  await schema.alterTable('experiments').dropConstraint('experiments_winner_variant').ifExists().execute();
  await schema.dropTable('variants').ifExists().execute();
  await schema.dropTable('experiments').ifExists().execute();
}
