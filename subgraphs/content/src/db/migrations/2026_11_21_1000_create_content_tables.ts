import { sql } from 'kysely';
import type { Kysely } from 'kysely';

const now = sql`date_trunc('milliseconds', now())`;

/** Personas, generation jobs, posts, engagement and embeddings of the `content` schema. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const schema = db.schema.withSchema('content');
  await schema
    .createTable('personas')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('emoji', 'text', (c) => c.notNull())
    .addColumn('tone', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('hook_model', 'text', (c) => c.notNull())
    .addColumn('body_model', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();

  await schema
    .createTable('generation_jobs')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('persona_id', 'uuid', (c) => c.notNull().references('personas.id').onDelete('cascade'))
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('QUEUED').check(sql`status in ('QUEUED','PROCESSING','COMPLETED','FAILED','CANCELLED')`),
    )
    .addColumn('stage', 'text', (c) => c.notNull().defaultTo('QUEUED'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('idempotency_key', 'text')
    .addColumn('experiment_id', 'uuid')
    .addColumn('variant_id', 'uuid')
    .addColumn('post_id', 'uuid', (c) => c.notNull().unique().defaultTo(sql`gen_random_uuid()`))
    .addColumn('published_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('started_at', 'timestamptz')
    .addColumn('completed_at', 'timestamptz')
    .addUniqueConstraint('generation_jobs_persona_idempotency_key', ['persona_id', 'idempotency_key'])
    .execute();
  await schema
    .createIndex('generation_jobs_unpublished')
    .on('generation_jobs')
    .column('created_at')
    .where(sql.ref('published_at'), 'is', null)
    .execute();

  await schema
    .createTable('posts')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('persona_id', 'uuid', (c) => c.notNull().references('personas.id').onDelete('cascade'))
    .addColumn('job_id', 'uuid', (c) => c.unique().references('generation_jobs.id').onDelete('set null'))
    .addColumn('hook', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('original_input', 'text', (c) => c.notNull())
    .addColumn('tokens_used', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('cost_usd', 'numeric(12, 6)', (c) => c.notNull().defaultTo(0))
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('variant_id', 'uuid')
    .addColumn('engagement_rate', 'numeric(8, 6)')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('DRAFT').check(sql`status in ('DRAFT','PUBLISHED','ARCHIVED')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await schema.createIndex('posts_persona_created').on('posts').columns(['persona_id', 'created_at desc', 'id desc']).execute();
  await schema.createIndex('posts_created').on('posts').columns(['created_at desc', 'id desc']).execute();

  await schema
    .createTable('post_engagement')
    .addColumn('post_id', 'uuid', (c) => c.primaryKey().references('posts.id').onDelete('cascade'))
    .addColumn('impressions', 'integer', (c) => c.notNull().check(sql`impressions >= 0`))
    .addColumn('likes', 'integer', (c) => c.notNull().check(sql`likes >= 0`))
    .addColumn('replies', 'integer', (c) => c.notNull().check(sql`replies >= 0`))
    .addColumn('reposts', 'integer', (c) => c.notNull().check(sql`reposts >= 0`))
    .addColumn('follows', 'integer', (c) => c.notNull().check(sql`follows >= 0`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();

  await schema
    .createTable('post_embeddings')
    .addColumn('post_id', 'uuid', (c) => c.primaryKey().references('posts.id').onDelete('cascade'))
    .addColumn('persona_id', 'uuid', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('embedding', sql`real[]`, (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
}

/** Drops every content table. */
export async function down(db: Kysely<unknown>): Promise<void> {
  const schema = db.schema.withSchema('content');
  for (const table of ['post_embeddings', 'post_engagement', 'posts', 'generation_jobs', 'personas']) {
    await schema.dropTable(table).ifExists().execute();
  }
}
