import type { NatsConnection } from '@nats-io/nats-core';
import { describeAchievementReply } from '../../../../lib/events';
import type { AchievementCreatedData, DescribeAchievementRequest } from '../../../../lib/events';
import { requestTraced } from '../../../../lib/nats';

/** What achievements tells of an achievement (the `achievement.created` summary). */
export type AchievementSummary = AchievementCreatedData;

/**
 * The achievements service did not answer in time, had no responder, or answered with a 5xx
 * service error. Resolvers map it to `SUBGRAPH_UNAVAILABLE` with `extensions.subgraph` =
 * `achievements`.
 */
export class AchievementsUnavailableError extends Error {
  override readonly name = 'AchievementsUnavailableError';
}

/**
 * Asks achievements what an achievement is about (NATS services API, `achievements.describe`
 * without `NATS_PREFIX`): `describeAchievementRequest` out, `describeAchievementReply` back.
 * Unlike the variant request, there is no fallback: a post about an achievement needs it.
 *
 * @param timeoutMs how long to wait for the reply (`ACHIEVEMENT_LOOKUP_TIMEOUT_MS`)
 * @returns the achievement's summary, or null when achievements knows no such id
 * @throws {AchievementsUnavailableError} on a timeout, no responder, a closed connection or a 5xx service error
 * @throws {Error} on any other service error (e.g. 400) or a reply that breaks the contract
 */
export async function describeAchievement(nc: NatsConnection, subject: string, achievementId: string, timeoutMs: number): Promise<AchievementSummary | null> {
  const request: DescribeAchievementRequest = { achievementId };
  let reply: Awaited<ReturnType<NatsConnection['request']>>;
  try {
    reply = await requestTraced(nc, subject, JSON.stringify(request), timeoutMs);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new AchievementsUnavailableError(`achievements did not answer (${reason}; timeout ${timeoutMs} ms)`, { cause: err });
  }
  const serviceError = reply.headers?.get('Nats-Service-Error');
  if (serviceError) {
    const code = Number(reply.headers?.get('Nats-Service-Error-Code'));
    const message = `achievements answered ${Number.isFinite(code) ? code : 'an error'}: ${serviceError}`;
    if (!Number.isFinite(code) || code >= 500) throw new AchievementsUnavailableError(message);
    throw new Error(message);
  }
  return describeAchievementReply.parse(reply.json()).achievement;
}
