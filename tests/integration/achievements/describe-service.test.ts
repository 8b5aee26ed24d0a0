import { randomUUID } from 'node:crypto';
import type { NatsConnection } from '@nats-io/nats-core';
import { ServiceErrorCodeHeader, ServiceErrorHeader } from '@nats-io/services';
import { describeAchievementReply } from '../../../lib/events';
import type { DescribeAchievementReply } from '../../../lib/events';
import { createLogger } from '../../../lib/logger';
import { connectNats } from '../../../lib/nats';
import { startDescribeAchievementService } from '../../../subgraphs/achievements/src/messaging/describe-achievement-service';
import type { RunningJsonService } from '../../../lib/nats';
import { TEST_NATS, natsUrl } from '../../support/nats';
import { createAchievement, startHarness } from './harness';
import type { AchievementsHarness } from './harness';

/** The suite's own endpoint (`NATS_PREFIX`): a stack on the same NATS server never answers it. */
const subject = TEST_NATS.subjects.describeAchievement;

describe('achievements describe service (NATS request/reply)', () => {
  let harness: AchievementsHarness;
  let nc: NatsConnection;
  let service: RunningJsonService;

  beforeAll(async () => {
    harness = await startHarness();
    nc = await connectNats(natsUrl(), 'achievements-describe-test');
    service = await startDescribeAchievementService({ nc, db: harness.db, subject, logger: createLogger('achievements-describe-test', 'silent') });
  });

  afterAll(async () => {
    await service?.stop();
    await nc?.drain();
    await harness?.stop();
  });

  async function describeRaw(body: string) {
    return nc.request(subject, body, { timeout: 2000 });
  }

  async function ask(achievementId: string): Promise<DescribeAchievementReply> {
    return describeAchievementReply.parse((await describeRaw(JSON.stringify({ achievementId }))).json());
  }

  it('answers with the summary of a stored achievement (what achievement.created carries)', async () => {
    const created = await createAchievement(harness, {
      title: 'Cut checkout latency',
      description: 'p95 from 900 ms to 300 ms',
      category: 'PERFORMANCE',
      impactScore: 82,
      complexityScore: 60,
      businessValue: 120000,
      skills: ['TypeScript', 'PostgreSQL'],
    });
    expect(await ask(created.id)).toEqual({
      achievement: {
        achievementId: created.id,
        title: 'Cut checkout latency',
        description: 'p95 from 900 ms to 300 ms',
        category: 'PERFORMANCE',
        skills: ['TypeScript', 'PostgreSQL'],
        impactScore: 82,
        businessValue: 120000,
        portfolioReady: true,
      },
    });
  });

  it('answers businessValue null and portfolioReady false when so stored', async () => {
    const created = await createAchievement(harness, { title: 'Small fix', category: 'BUGFIX', impactScore: 40, complexityScore: 10 });
    const reply = await ask(created.id);
    expect(reply.achievement).toMatchObject({ achievementId: created.id, businessValue: null, portfolioReady: false, skills: [], description: '' });
  });

  it('answers achievement null for an unknown id', async () => {
    expect(await ask(randomUUID())).toEqual({ achievement: null });
  });

  it('answers an invalid request with a 400 service error', async () => {
    for (const body of [JSON.stringify({ achievementId: 'not-a-uuid' }), JSON.stringify({}), 'not json']) {
      const msg = await describeRaw(body);
      expect(msg.headers?.get(ServiceErrorCodeHeader)).toBe('400');
      expect(msg.headers?.get(ServiceErrorHeader)).toMatch(/^invalid describe request/);
    }
  });

  it('reports isStopped once stopped, and then no longer answers', async () => {
    const second = await startDescribeAchievementService({
      nc,
      db: harness.db,
      subject: `${subject}.second`,
      logger: createLogger('achievements-describe-test', 'silent'),
    });
    expect(second.isStopped).toBe(false);
    await second.stop();
    expect(second.isStopped).toBe(true);
    await expect(nc.request(`${subject}.second`, JSON.stringify({ achievementId: randomUUID() }), { timeout: 500 })).rejects.toThrow();
  });
});
