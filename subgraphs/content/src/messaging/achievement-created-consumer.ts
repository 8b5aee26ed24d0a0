import type { JsMsg } from '@nats-io/jetstream';
import { achievementCreatedData } from '../../../../lib/events';
import { ConflictError } from '../../../../lib/errors';
import type { Logger } from '../../../../lib/logger';
import { PermanentError, parseQueuedEvent } from '../../../../lib/nats';
import { queueAchievementPost } from '../operations/queue-achievement-post';
import type { QueueAchievementPostDeps } from '../operations/queue-achievement-post';

/** What the `achievement.created` handler needs. */
export type AchievementCreatedDeps = QueueAchievementPostDeps & { logger: Logger };

/**
 * Returns the JetStream message handler of `events.achievements.achievement.created` (the auto
 * content pipeline): parses the CloudEvent and runs {@link queueAchievementPost}. Nothing to do
 * (pipeline off, achievement not portfolio-ready, persona unknown) is acked and logged at debug;
 * an unknown `AUTO_CONTENT_PERSONA` is logged at warn the first time (again after it was found).
 *
 * @throws {PermanentError} when the message is not a valid achievement.created CloudEvent, or
 *   its idempotency key is taken by another request (not retried)
 * @throws on a database failure (the message is retried)
 */
export function createAchievementCreatedHandler(deps: AchievementCreatedDeps): (msg: JsMsg) => Promise<void> {
  let warnedUnknownPersona = false;
  return async (msg) => {
    const { data } = parseQueuedEvent(msg.data, achievementCreatedData);
    const log = { achievementId: data.achievementId, persona: deps.autoContentPersona };
    let result: Awaited<ReturnType<typeof queueAchievementPost>>;
    try {
      result = await queueAchievementPost(deps, data);
    } catch (err) {
      if (err instanceof ConflictError) throw new PermanentError(err.message, { cause: err });
      throw err;
    }
    switch (result.outcome) {
      case 'queued':
        warnedUnknownPersona = false;
        deps.logger.info({ ...log, jobId: result.job.id }, 'post about a new achievement queued');
        return;
      case 'unknown-persona':
        if (!warnedUnknownPersona) {
          warnedUnknownPersona = true;
          deps.logger.warn(log, 'AUTO_CONTENT_PERSONA names no persona; no posts about new achievements until it exists');
          return;
        }
        deps.logger.debug(log, 'no auto post: AUTO_CONTENT_PERSONA names no persona');
        return;
      default:
        deps.logger.debug({ ...log, reason: result.outcome }, 'no auto post about the achievement');
    }
  };
}
