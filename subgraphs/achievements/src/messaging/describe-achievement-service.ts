import type { NatsConnection } from '@nats-io/nats-core';
import { describeAchievementRequest } from '../../../../lib/events';
import type { DescribeAchievementReply } from '../../../../lib/events';
import type { Logger } from '../../../../lib/logger';
import { startJsonService } from '../../../../lib/nats';
import type { RunningJsonService } from '../../../../lib/nats';
import type { AchievementsDb } from '../db/repositories/achievements';
import { findAchievementsByIds } from '../db/repositories/achievements';
import { achievementSummaryOf } from './achievement-events';

/** NATS service name (`$SRV.INFO.achievements` lists it). */
export const DESCRIBE_SERVICE_NAME = 'achievements';
/** NATS service version. */
export const DESCRIBE_SERVICE_VERSION = '1.0.0';

/** Dependencies of {@link startDescribeAchievementService}. */
export interface DescribeAchievementServiceDeps {
  nc: NatsConnection;
  db: AchievementsDb;
  /** Endpoint subject: the deployment's `subjects.describeAchievement` (`achievements.describe` without `NATS_PREFIX`). */
  subject: string;
  logger: Logger;
}

/**
 * Starts the `achievements` NATS service with the endpoint `describe` on `deps.subject` (see
 * `startJsonService`): what an achievement is about, for the content subgraph's posts about it
 * (`generatePost(input: { achievementId })`).
 *
 * Request: JSON `describeAchievementRequest` `{ achievementId }` (a UUID).
 * Reply: JSON `describeAchievementReply` `{ achievement: <achievementSummaryOf(row)> | null }`,
 * null when no achievement has that id. Errors: 400 invalid request, 500 unexpected (logged).
 */
export function startDescribeAchievementService(deps: DescribeAchievementServiceDeps): Promise<RunningJsonService> {
  return startJsonService({
    nc: deps.nc,
    name: DESCRIBE_SERVICE_NAME,
    version: DESCRIBE_SERVICE_VERSION,
    description: 'Engineering achievements: what one is about (title, impact, business value, skills)',
    endpoint: 'describe',
    subject: deps.subject,
    request: describeAchievementRequest,
    logger: deps.logger,
    async handle(request): Promise<DescribeAchievementReply> {
      const [row] = await findAchievementsByIds(deps.db, [request.achievementId]);
      return { achievement: row ? achievementSummaryOf(row) : null };
    },
  });
}
