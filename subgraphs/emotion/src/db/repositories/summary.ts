import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { EmotionScores } from '../../domain/plutchik';
import type { TrajectoryType } from '../../domain/trajectory';
import { EMOTION_SCHEMA } from '../database';
import type { EmotionDatabase } from '../database';

/** Aggregates over the analysed posts of one persona. */
export interface PersonaEmotionSummary {
  /** Analysed posts of the persona (posts sharing a text each count). */
  trajectoryCount: number;
  /** Mean emotions over those posts (each 0..1); null when there are none. */
  averageEmotions: EmotionScores | null;
  /** Mean whole-text VADER compound (-1..1); null when there are none. */
  averageCompound: number | null;
  /** Posts per trajectory type (every type present, 0 when none). */
  typeCounts: Record<TrajectoryType, number>;
}

/** Summarises a persona's analysed posts in one aggregate query over the link table. */
export async function summarisePersona(db: Kysely<EmotionDatabase>, personaId: string): Promise<PersonaEmotionSummary> {
  const countType = (type: TrajectoryType) => sql<number>`(count(*) filter (where t.trajectory_type = ${type}))::int`;
  const row = await db
    .withSchema(EMOTION_SCHEMA)
    .selectFrom('emotion_trajectory_posts as l')
    .innerJoin('emotion_trajectories as t', 't.id', 'l.trajectory_id')
    .where('l.persona_id', '=', personaId)
    .select((eb) => [
      sql<number>`count(*)::int`.as('count'),
      eb.fn.avg<number>('t.joy').as('joy'),
      eb.fn.avg<number>('t.trust').as('trust'),
      eb.fn.avg<number>('t.fear').as('fear'),
      eb.fn.avg<number>('t.surprise').as('surprise'),
      eb.fn.avg<number>('t.sadness').as('sadness'),
      eb.fn.avg<number>('t.disgust').as('disgust'),
      eb.fn.avg<number>('t.anger').as('anger'),
      eb.fn.avg<number>('t.anticipation').as('anticipation'),
      eb.fn.avg<number>('t.sentiment_compound').as('compound'),
      countType('RISING').as('rising'),
      countType('FALLING').as('falling'),
      countType('STABLE').as('stable'),
      countType('VOLATILE').as('volatile'),
    ])
    .executeTakeFirstOrThrow();
  const typeCounts = { RISING: row.rising, FALLING: row.falling, STABLE: row.stable, VOLATILE: row.volatile };
  if (row.count === 0) return { trajectoryCount: 0, averageEmotions: null, averageCompound: null, typeCounts };
  const { joy, trust, fear, surprise, sadness, disgust, anger, anticipation } = row;
  return {
    trajectoryCount: row.count,
    averageEmotions: { joy, trust, fear, surprise, sadness, disgust, anger, anticipation },
    averageCompound: row.compound,
    typeCounts,
  };
}
