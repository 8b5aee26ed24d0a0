import { queryRows } from '../../support/database';
import type { NatsConnection, Subscription } from '@nats-io/nats-core';
import { achievementCreatedData, eventTypes } from '../../../lib/events';
import { connectNats, parseCloudEvent } from '../../../lib/nats';
import type { CloudEvent } from '../../../lib/nats';
import { eventually } from '../../support/eventually';
import { TEST_NATS, natsUrl } from '../../support/nats';
import { createAchievement, startHarness } from './harness';
import type { AchievementsHarness } from './harness';

const { subjects } = TEST_NATS;

/** One received event and whether its row was already readable in Postgres when it arrived. */
interface Received {
  event: CloudEvent<{ achievementId: string }>;
  msgId: string | undefined;
  rowExistedOnArrival: boolean;
}

describe('achievement.created event', () => {
  let harness: AchievementsHarness;
  let nc: NatsConnection;
  let subscription: Subscription;
  const received: Received[] = [];

  beforeAll(async () => {
    harness = await startHarness();
    nc = await connectNats(natsUrl(), 'achievements-events-test');
    // Core NATS subscription, opened before any mutation: JetStream publishes reach it too.
    subscription = nc.subscribe(subjects.achievementCreated);
    void (async () => {
      for await (const msg of subscription) {
        const event = parseCloudEvent(msg.data, achievementCreatedData);
        const rows = await queryRows(harness.database.url, 'select 1 from achievements.achievements where id = $1', [event.data.achievementId]);
        received.push({ event, msgId: msg.headers?.get('Nats-Msg-Id'), rowExistedOnArrival: rows.length === 1 });
      }
    })();
    await nc.flush();
  });
  afterAll(async () => {
    subscription.unsubscribe();
    await nc.drain();
    await harness.stop();
  });

  it('publishes a CloudEvent with the achievement id, after the row is committed', async () => {
    const created = await createAchievement(harness, { title: 'Event me', category: 'RELIABILITY', impactScore: 64, complexityScore: 30 });
    const got = await eventually(async () => received.find((r) => r.event.data.achievementId === created.id));
    expect(got.event).toMatchObject({
      id: `achievement-created-${created.id}`,
      source: '/subgraphs/achievements',
      type: eventTypes.achievementCreated,
      subject: created.id,
      data: { achievementId: created.id },
    });
    expect(got.msgId).toBe(`achievement-created-${created.id}`);
    expect(got.rowExistedOnArrival).toBe(true);
  });
});
