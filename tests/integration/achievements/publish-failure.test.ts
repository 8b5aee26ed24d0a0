import { Writable } from 'node:stream';
import { jetstream } from '@nats-io/jetstream';
import pino from 'pino';
import { Registry } from 'prom-client';
import { createDatabase } from '../../../lib/db';
import { connectNats } from '../../../lib/nats';
import type { AchievementsDatabase } from '../../../subgraphs/achievements/src/db/database';
import { createAchievementsMetrics } from '../../../subgraphs/achievements/src/metrics';
import { createAchievement } from '../../../subgraphs/achievements/src/operations/create-achievement';
import type { CreateAchievementDeps } from '../../../subgraphs/achievements/src/operations/create-achievement';
import { createAchievementInput } from '../../../subgraphs/achievements/src/resolvers/inputs';
import { natsUrl } from '../../support/nats';
import { startHarness } from './harness';
import type { AchievementsHarness } from './harness';
import { TEST_NATS } from '../../support/nats';

describe('createAchievement when NATS is unavailable', () => {
  let harness: AchievementsHarness;

  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('keeps the row, returns the achievement, logs the failure and counts it', async () => {
    const db = createDatabase<AchievementsDatabase>({ url: harness.database.url, max: 1 });
    const nc = await connectNats(natsUrl(), 'achievements-publish-failure-test');
    await nc.close(); // a real client whose publishes now fail
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const registry = new Registry();
    const metrics = createAchievementsMetrics(registry);
    const deps: CreateAchievementDeps = { db, js: jetstream(nc), logger: pino({ level: 'error' }, sink), metrics, subjects: TEST_NATS.subjects };
    try {
      const input = createAchievementInput.parse({ title: 'Offline', category: 'OTHER', impactScore: 10, complexityScore: 10 });
      const achievement = await createAchievement(deps, input, 'publish-failure-test');
      expect(achievement.title).toBe('Offline');
      expect(await harness.countRows()).toBe(1);
      expect((await metrics.eventPublishFailures.get()).values[0]?.value).toBe(1);
      expect(lines.map((line) => JSON.parse(line) as { msg: string; achievementId: string })).toEqual([
        expect.objectContaining({ msg: 'achievement.created event not published', achievementId: achievement.id }),
      ]);
    } finally {
      await db.destroy();
    }
  });
});
