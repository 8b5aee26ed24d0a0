import { Writable } from 'node:stream';
import { jetstream } from '@nats-io/jetstream';
import pino from 'pino';
import { Registry } from 'prom-client';
import { createDatabase } from '../../../lib/db';
import { connectNats } from '../../../lib/nats';
import type { AchievementsContext } from '../../../subgraphs/achievements/src/context';
import type { AchievementsDatabase } from '../../../subgraphs/achievements/src/db/database';
import { createLoaders } from '../../../subgraphs/achievements/src/loaders';
import { createAchievementsMetrics } from '../../../subgraphs/achievements/src/metrics';
import { mutationResolvers } from '../../../subgraphs/achievements/src/resolvers/mutation';
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
    const db = createDatabase<AchievementsDatabase>({ url: harness.databaseUrl, max: 1 });
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
    const ctx: AchievementsContext = { db, js: jetstream(nc), logger: pino({ level: 'error' }, sink), metrics, loaders: createLoaders(db), caller: { sub: 'publish-failure-test', scopes: new Set(['achievements:write']) }, subjects: TEST_NATS.subjects };
    try {
      const achievement = await mutationResolvers.createAchievement(
        null,
        { input: { title: 'Offline', category: 'OTHER', impactScore: 10, complexityScore: 10 } },
        ctx,
      );
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
