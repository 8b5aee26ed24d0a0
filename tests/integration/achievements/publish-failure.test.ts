import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Registry } from 'prom-client';
import { createDatabase } from '../../../lib/db';
import { createLogger } from '../../../lib/logger';
import { connectNats } from '../../../lib/nats';
import { createOutbox } from '../../../lib/outbox';
import { ACHIEVEMENTS_SCHEMA } from '../../../subgraphs/achievements/src/db/database';
import type { AchievementsDatabase } from '../../../subgraphs/achievements/src/db/database';
import { achievementCreatedEventId } from '../../../subgraphs/achievements/src/messaging/achievement-events';
import { createAchievementsMetrics } from '../../../subgraphs/achievements/src/metrics';
import { createAchievement } from '../../../subgraphs/achievements/src/operations/create-achievement';
import { createAchievementInput } from '../../../subgraphs/achievements/src/resolvers/inputs';
import { queryRows } from '../../support/database';
import { TEST_NATS, natsUrl } from '../../support/nats';
import { startHarness } from './harness';
import type { AchievementsHarness } from './harness';

describe('createAchievement when NATS is unavailable', () => {
  let harness: AchievementsHarness;

  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('keeps the row and its achievement.created in the outbox; the relay publishes the event once NATS answers', async () => {
    const db = createDatabase<AchievementsDatabase>({ url: harness.database.url, max: 2 });
    const down = await connectNats(natsUrl(), 'achievements-publish-failure-test');
    await down.close(); // a real client whose publishes now fail
    const up = await connectNats(natsUrl(), 'achievements-relay-test');
    const outboxOn = (nc: typeof up) =>
      createOutbox({ db, schema: ACHIEVEMENTS_SCHEMA, js: jetstream(nc), logger: createLogger('achievements-test', 'silent'), registry: new Registry(), timing: { relayMinAgeMs: 0 } });
    const writer = outboxOn(down);
    const relay = outboxOn(up);
    try {
      const input = createAchievementInput.parse({ title: 'Offline', category: 'OTHER', impactScore: 10, complexityScore: 10 });
      const achievement = await createAchievement({ outbox: writer, subjects: TEST_NATS.subjects, metrics: createAchievementsMetrics(new Registry()) }, input, 'publish-failure-test');
      expect(achievement.title).toBe('Offline');
      expect(await harness.countRows()).toBe(1);
      const eventId = achievementCreatedEventId(achievement.id);
      expect(await queryRows(harness.database.url, 'select event_id, subject, sent_at from achievements.outbox')).toEqual([
        { event_id: eventId, subject: TEST_NATS.subjects.achievementCreated, sent_at: null },
      ]);

      expect(await relay.relayOnce()).toBe(1);
      const jsm = await jetstreamManager(up);
      const msg = await jsm.streams.getMessage(TEST_NATS.streams.events, { last_by_subj: TEST_NATS.subjects.achievementCreated });
      expect(msg?.json<{ id: string; data: { achievementId: string; title: string } }>()).toMatchObject({ id: eventId, data: { achievementId: achievement.id, title: 'Offline' } });
    } finally {
      await writer.stop();
      await relay.stop();
      await up.drain();
      await db.destroy();
    }
  });
});
