import { sql } from 'kysely';
import type { CreateTableBuilder, Kysely } from 'kysely';

const now = sql`date_trunc('milliseconds', now())`;
const EMOTIONS = ['joy', 'trust', 'fear', 'surprise', 'sadness', 'disgust', 'anger', 'anticipation'] as const;
const DOMINANT = sql`in ('joy','trust','fear','surprise','sadness','disgust','anger','anticipation','neutral')`;

/** Adds the eight Plutchik score columns (`real`, checked to 0..1). */
function addEmotionColumns<T extends string, C extends string>(table: CreateTableBuilder<T, C>): CreateTableBuilder<T, C> {
  let builder = table;
  for (const emotion of EMOTIONS) {
    builder = builder.addColumn(emotion, 'real', (c) => c.notNull().check(sql`${sql.ref(emotion)} between 0 and 1`)) as CreateTableBuilder<T, C>;
  }
  return builder;
}

/** Trajectories (unique per content hash), their segments and transitions, and the post links. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const schema = db.schema.withSchema('emotion');
  await addEmotionColumns(
    schema
      .createTable('emotion_trajectories')
      .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
      .addColumn('content_hash', 'text', (c) => c.notNull().unique())
      .addColumn('post_id', 'uuid', (c) => c.notNull())
      .addColumn('persona_id', 'uuid', (c) => c.notNull())
      .addColumn('job_id', 'uuid')
      .addColumn('segment_count', 'integer', (c) => c.notNull().check(sql`segment_count >= 0`))
      .addColumn('trajectory_type', 'text', (c) =>
        c.notNull().check(sql`trajectory_type in ('RISING','FALLING','STABLE','VOLATILE')`),
      )
      .addColumn('dominant_emotion', 'text', (c) => c.notNull().check(sql`dominant_emotion ${DOMINANT}`)),
  )
    .addColumn('sentiment_positive', 'real', (c) => c.notNull())
    .addColumn('sentiment_negative', 'real', (c) => c.notNull())
    .addColumn('sentiment_neutral', 'real', (c) => c.notNull())
    .addColumn('sentiment_compound', 'real', (c) => c.notNull().check(sql`sentiment_compound between -1 and 1`))
    .addColumn('peaks', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('valleys', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('processing_time_ms', 'real', (c) => c.notNull().check(sql`processing_time_ms >= 0`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();

  await addEmotionColumns(
    schema
      .createTable('emotion_segments')
      .addColumn('trajectory_id', 'uuid', (c) => c.notNull().references('emotion_trajectories.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull().check(sql`position >= 0`))
      .addColumn('text', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('emotion_segments_pkey', ['trajectory_id', 'position']),
  )
    .addColumn('sentiment_compound', 'real', (c) => c.notNull().check(sql`sentiment_compound between -1 and 1`))
    .addColumn('dominant_emotion', 'text', (c) => c.notNull().check(sql`dominant_emotion ${DOMINANT}`))
    .execute();

  await schema
    .createTable('emotion_transitions')
    .addColumn('trajectory_id', 'uuid', (c) => c.notNull().references('emotion_trajectories.id').onDelete('cascade'))
    .addColumn('from_segment', 'integer', (c) => c.notNull())
    .addColumn('to_segment', 'integer', (c) => c.notNull())
    .addColumn('from_emotion', 'text', (c) => c.notNull().check(sql`from_emotion ${DOMINANT}`))
    .addColumn('to_emotion', 'text', (c) => c.notNull().check(sql`to_emotion ${DOMINANT}`))
    .addColumn('strength', 'real', (c) => c.notNull().check(sql`strength between 0 and 1`))
    .addPrimaryKeyConstraint('emotion_transitions_pkey', ['trajectory_id', 'from_segment'])
    .execute();

  await schema
    .createTable('emotion_trajectory_posts')
    .addColumn('post_id', 'uuid', (c) => c.primaryKey())
    .addColumn('trajectory_id', 'uuid', (c) => c.notNull().references('emotion_trajectories.id').onDelete('cascade'))
    .addColumn('persona_id', 'uuid', (c) => c.notNull())
    .addColumn('job_id', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await schema.createIndex('emotion_trajectory_posts_persona').on('emotion_trajectory_posts').column('persona_id').execute();
  await schema.createIndex('emotion_trajectory_posts_trajectory').on('emotion_trajectory_posts').column('trajectory_id').execute();
}

/** Drops every emotion table. */
export async function down(db: Kysely<unknown>): Promise<void> {
  const schema = db.schema.withSchema('emotion');
  for (const table of ['emotion_trajectory_posts', 'emotion_transitions', 'emotion_segments', 'emotion_trajectories']) {
    await schema.dropTable(table).ifExists().execute();
  }
}
