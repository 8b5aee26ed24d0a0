import type { JetStreamClient } from '@nats-io/jetstream';
import { eventTypes } from '../../../../lib/events';
import type { Subjects } from '../../../../lib/events';
import type { AchievementCreatedData } from '../../../../lib/events';
import { createCloudEvent, publishEvent } from '../../../../lib/nats';
import type { AchievementRow } from '../db/database';

/** CloudEvents `source` of events published by the achievements subgraph. */
export const ACHIEVEMENTS_SOURCE = '/subgraphs/achievements';

/** CloudEvent id of the creation of an achievement: deterministic, so a republish is deduplicated. */
export function achievementCreatedEventId(achievementId: string): string {
  return `achievement-created-${achievementId}`;
}

/** What other services learn of an achievement (`achievement.created`, `achievements.describe`). */
export function achievementSummaryOf(row: AchievementRow): AchievementCreatedData {
  return {
    achievementId: row.id,
    title: row.title,
    description: row.description,
    category: row.category,
    skills: row.skills,
    impactScore: Number(row.impact_score),
    businessValue: row.business_value === null ? null : Number(row.business_value),
    portfolioReady: row.portfolio_ready,
  };
}

/**
 * Publishes `events.achievements.achievement.created` (the key and {@link achievementSummaryOf})
 * to the EVENTS stream, with CloudEvent id / `Nats-Msg-Id` from {@link achievementCreatedEventId}.
 *
 * @throws when JetStream does not acknowledge (NATS down or stream missing)
 */
export async function publishAchievementCreated(js: JetStreamClient, subjects: Subjects, row: AchievementRow): Promise<void> {
  const event = createCloudEvent<AchievementCreatedData>({
    id: achievementCreatedEventId(row.id),
    source: ACHIEVEMENTS_SOURCE,
    type: eventTypes.achievementCreated,
    subject: row.id,
    data: achievementSummaryOf(row),
  });
  await publishEvent(js, subjects.achievementCreated, event);
}
