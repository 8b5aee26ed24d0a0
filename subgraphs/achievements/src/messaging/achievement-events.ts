import { eventTypes } from '../../../../lib/events';
import type { Subjects } from '../../../../lib/events';
import type { AchievementCreatedData } from '../../../../lib/events';
import { createCloudEvent } from '../../../../lib/nats';
import type { OutgoingEvent } from '../../../../lib/outbox';
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
 * `events.achievements.achievement.created` (the key and {@link achievementSummaryOf}) for the
 * outbox, with CloudEvent id / `Nats-Msg-Id` from {@link achievementCreatedEventId}.
 */
export function achievementCreatedEvent(subjects: Subjects, row: AchievementRow): OutgoingEvent {
  const event = createCloudEvent<AchievementCreatedData>({
    id: achievementCreatedEventId(row.id),
    source: ACHIEVEMENTS_SOURCE,
    type: eventTypes.achievementCreated,
    subject: row.id,
    data: achievementSummaryOf(row),
  });
  return { subject: subjects.achievementCreated, event };
}
