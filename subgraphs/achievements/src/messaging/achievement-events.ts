import type { JetStreamClient } from '@nats-io/jetstream';
import { eventTypes } from '../../../../lib/events';
import type { Subjects } from '../../../../lib/events';
import type { AchievementCreatedData } from '../../../../lib/events';
import { createCloudEvent, publishEvent } from '../../../../lib/nats';

/** CloudEvents `source` of events published by the achievements subgraph. */
export const ACHIEVEMENTS_SOURCE = '/subgraphs/achievements';

/** CloudEvent id of the creation of an achievement: deterministic, so a republish is deduplicated. */
export function achievementCreatedEventId(achievementId: string): string {
  return `achievement-created-${achievementId}`;
}

/**
 * Publishes `events.achievements.achievement.created` (data `{ achievementId }`) to the EVENTS
 * stream, with CloudEvent id / `Nats-Msg-Id` from {@link achievementCreatedEventId}.
 *
 * @throws when JetStream does not acknowledge (NATS down or stream missing)
 */
export async function publishAchievementCreated(js: JetStreamClient, subjects: Subjects, achievementId: string): Promise<void> {
  const event = createCloudEvent<AchievementCreatedData>({
    id: achievementCreatedEventId(achievementId),
    source: ACHIEVEMENTS_SOURCE,
    type: eventTypes.achievementCreated,
    subject: achievementId,
    data: { achievementId },
  });
  await publishEvent(js, subjects.achievementCreated, event);
}
