import type { NatsConnection } from '@nats-io/nats-core';
import { Svcm } from '@nats-io/services';
import type { ServiceMsg } from '@nats-io/services';
import { describeAchievementRequest } from '../../../../lib/events';
import type { DescribeAchievementReply } from '../../../../lib/events';
import type { Logger } from '../../../../lib/logger';
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

/** A running describe endpoint; `stop()` unsubscribes it. */
export interface RunningDescribeAchievementService {
  stop(): Promise<void>;
  /** True once stopped (by `stop()` or because the connection closed): a readiness check. */
  readonly isStopped: boolean;
}

/**
 * `@nats-io/services` 3.0.0-25 bundles its own `@nats-io/nats-core` prerelease, whose
 * `NatsConnection` type differs nominally from the one of `@nats-io/transport-node` although the
 * runtime object is the same (as in experiments' assign-variant service).
 */
function serviceConnection(nc: NatsConnection): ConstructorParameters<typeof Svcm>[0] {
  return nc as unknown as ConstructorParameters<typeof Svcm>[0];
}

function parseRequest(msg: ServiceMsg): ReturnType<typeof describeAchievementRequest.safeParse> | null {
  try {
    return describeAchievementRequest.safeParse(msg.json());
  } catch {
    return null;
  }
}

/**
 * Starts the `achievements` NATS service (queue group `q`, so replicas share the load) with the
 * endpoint `describe` on `deps.subject`: what an achievement is about, for the content
 * subgraph's posts about it (`generatePost(input: { achievementId })`).
 *
 * Request: JSON `describeAchievementRequest` `{ achievementId }` (a UUID).
 * Reply: JSON `describeAchievementReply` `{ achievement: <achievementSummaryOf(row)> | null }`,
 * null when no achievement has that id.
 * Errors (headers `Nats-Service-Error-Code` / `Nats-Service-Error`): 400 invalid request,
 * 500 unexpected (e.g. Postgres down; logged).
 *
 * @example
 * const service = await startDescribeAchievementService({
 *   nc: runtime.nc, db: runtime.db, subject: runtime.names.subjects.describeAchievement, logger,
 * });
 * onStop('stop describe service', () => service.stop());
 */
export async function startDescribeAchievementService(deps: DescribeAchievementServiceDeps): Promise<RunningDescribeAchievementService> {
  const service = await new Svcm(serviceConnection(deps.nc)).add({
    name: DESCRIBE_SERVICE_NAME,
    version: DESCRIBE_SERVICE_VERSION,
    description: 'Engineering achievements: what one is about (title, impact, business value, skills)',
  });
  const handle = async (msg: ServiceMsg): Promise<void> => {
    const parsed = parseRequest(msg);
    if (!parsed?.success) {
      const detail = parsed ? parsed.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; ') : 'body is not JSON';
      msg.respondError(400, `invalid describe request: ${detail}`);
      return;
    }
    try {
      const [row] = await findAchievementsByIds(deps.db, [parsed.data.achievementId]);
      const reply: DescribeAchievementReply = { achievement: row ? achievementSummaryOf(row) : null };
      msg.respond(JSON.stringify(reply));
    } catch (err) {
      deps.logger.error({ err, achievementId: parsed.data.achievementId }, 'describe achievement failed');
      msg.respondError(500, 'describe achievement failed');
    }
  };
  service.addEndpoint('describe', {
    subject: deps.subject,
    handler: (err, msg) => {
      if (err) {
        deps.logger.error({ err }, 'describe endpoint stopped');
        return;
      }
      void handle(msg);
    },
  });
  return {
    async stop() {
      await service.stop();
    },
    get isStopped() {
      return service.isStopped;
    },
  };
}
