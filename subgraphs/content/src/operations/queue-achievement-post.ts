import type { JetStreamClient } from '@nats-io/jetstream';
import type { Kysely } from 'kysely';
import type { Subjects } from '../../../../lib/events';
import type { Logger } from '../../../../lib/logger';
import type { Outbox } from '../../../../lib/outbox';
import type { ContentDatabase, GenerationJobRow } from '../db/database';
import { findPersonaByName } from '../db/repositories/personas';
import type { AchievementSummary } from '../messaging/achievement-client';
import { generatePost } from './generate-post';

/** `createdBy` of the jobs the auto content pipeline queues (no caller: the pipeline itself). */
export const AUTO_CONTENT_CREATED_BY = 'auto-content';

/** Idempotency key of the auto post about an achievement: one job per achievement, however often the event comes. */
export function achievementIdempotencyKey(achievementId: string): string {
  return `achievement:${achievementId}`;
}

/** What {@link queueAchievementPost} needs. */
export interface QueueAchievementPostDeps {
  db: Kysely<ContentDatabase>;
  js: JetStreamClient;
  /** The subgraph's transactional outbox. */
  outbox: Outbox<ContentDatabase>;
  subjects: Subjects;
  logger: Pick<Logger, 'warn'>;
  /** `AUTO_CONTENT_PERSONA`: name of the persona that writes the posts; unset: the pipeline is off. */
  autoContentPersona: string | undefined;
}

/** What became of one new achievement: a job, or why none. */
export type QueueAchievementPostResult =
  | { outcome: 'queued'; job: GenerationJobRow }
  | { outcome: 'off' | 'not-portfolio-ready' | 'unknown-persona' };

/**
 * The auto content pipeline's step for one `achievement.created` event: when the pipeline is on
 * (`AUTO_CONTENT_PERSONA` names an existing persona) and the achievement is portfolio-ready,
 * queues a generation job for that persona about it through `generatePost`, with the topic
 * built from the event's summary (no request to achievements: the event carries what a post
 * needs) and the idempotency key `achievement:<achievementId>`, so a redelivered or republished
 * event returns the job already queued instead of a second one.
 *
 * @returns `queued` with the job (new, or the one queued before), else why nothing was queued
 * @throws {ConflictError} when the persona's key `achievement:<id>` was used for something else
 * @throws on a database failure (the event is retried)
 */
export async function queueAchievementPost(deps: QueueAchievementPostDeps, achievement: AchievementSummary): Promise<QueueAchievementPostResult> {
  if (!deps.autoContentPersona) return { outcome: 'off' };
  if (!achievement.portfolioReady) return { outcome: 'not-portfolio-ready' };
  const persona = await findPersonaByName(deps.db, deps.autoContentPersona);
  if (!persona) return { outcome: 'unknown-persona' };
  const job = await generatePost(
    {
      db: deps.db,
      js: deps.js,
      outbox: deps.outbox,
      subjects: deps.subjects,
      logger: deps.logger,
      describeAchievement: async (achievementId) => (achievementId === achievement.achievementId ? achievement : null),
    },
    {
      personaId: persona.id,
      topic: null,
      achievementId: achievement.achievementId,
      idempotencyKey: achievementIdempotencyKey(achievement.achievementId),
      experimentId: null,
      createdBy: AUTO_CONTENT_CREATED_BY,
    },
  );
  return { outcome: 'queued', job };
}
