import { randomUUID } from 'node:crypto';
import { eventTypes } from '../../../lib/events';

import { eventually } from '../../support/eventually';
import { collectMessages, countRows, insertPersona, insertPost, startContentHarness, storedEvents } from './harness';
import { errorCode } from '../../support/graphql';
import type { ContentHarness } from './harness';
import { TEST_NATS } from '../../support/nats';

const { subjects } = TEST_NATS;
const EVENTS_STREAM = TEST_NATS.streams.events;

const record = `mutation($postId: ID!, $input: EngagementInput!) {
  recordEngagement(postId: $postId, input: $input) {
    id engagementRate
    engagement { impressions likes replies reposts follows engagementRate updatedAt }
  }
}`;

interface Recorded {
  id: string;
  engagementRate: number | null;
  engagement: { impressions: number; likes: number; replies: number; reposts: number; follows: number; engagementRate: number | null; updatedAt: string } | null;
}

interface EngagementEvent {
  id: string;
  type: string;
  subject: string;
  data: { postId: string; personaId: string; impressions: number; likes: number; replies: number; reposts: number; follows: number };
}

describe('recordEngagement', () => {
  let h: ContentHarness;
  let personaId: string;

  beforeAll(async () => {
    h = await startContentHarness();
    personaId = await insertPersona(h.db, 'ai-jesus');
  });

  afterAll(async () => {
    await h?.stop();
  });

  const postQuery = `query($id: ID!) { post(id: $id) { id engagementRate engagement { impressions likes replies reposts follows engagementRate updatedAt } } }`;

  async function recordTotals(postId: string, input: Record<string, number | null>): Promise<Recorded> {
    return (await h.data<{ recordEngagement: Recorded }>(record, { postId, input })).recordEngagement;
  }

  it('stores the totals and the engagement rate (likes + replies + reposts) / impressions', async () => {
    const post = await insertPost(h.db, { personaId });
    const recorded = await recordTotals(post.id, { impressions: 1000, likes: 80, replies: 15, reposts: 5, follows: 4 });
    expect(recorded).toMatchObject({
      id: post.id,
      engagementRate: 0.1,
      engagement: { impressions: 1000, likes: 80, replies: 15, reposts: 5, follows: 4, engagementRate: 0.1 },
    });
    const { post: read } = await h.data<{ post: Recorded }>(postQuery, { id: post.id });
    expect(read).toEqual(recorded);
  });

  it('has no rate before impressions, and follows default to 0', async () => {
    const post = await insertPost(h.db, { personaId });
    const { post: fresh } = await h.data<{ post: Recorded }>(postQuery, { id: post.id });
    expect(fresh).toEqual({ id: post.id, engagementRate: null, engagement: null });
    const recorded = await recordTotals(post.id, { impressions: 0, likes: 2, replies: 0, reposts: 0 });
    expect(recorded.engagementRate).toBeNull();
    expect(recorded.engagement).toMatchObject({ impressions: 0, likes: 2, follows: 0, engagementRate: null });
  });

  it('replaces earlier totals with later ones (they are cumulative, not increments)', async () => {
    const post = await insertPost(h.db, { personaId });
    await recordTotals(post.id, { impressions: 100, likes: 10, replies: 0, reposts: 0, follows: 1 });
    const later = await recordTotals(post.id, { impressions: 400, likes: 20, replies: 10, reposts: 2, follows: 3 });
    expect(later.engagement).toMatchObject({ impressions: 400, likes: 20, replies: 10, reposts: 2, follows: 3 });
    expect(later.engagementRate).toBe(0.08);
    expect(await countRows(h.db, 'post_engagement', { post_id: post.id })).toBe(1);
  });

  it('leaves the same state when the same totals are recorded twice, and stores one event', async () => {
    const post = await insertPost(h.db, { personaId });
    const totals = { impressions: 300, likes: 12, replies: 6, reposts: 3, follows: 2 };
    const before = (await h.jsm.streams.info(EVENTS_STREAM)).state.last_seq;
    const first = await recordTotals(post.id, totals);
    const second = await recordTotals(post.id, totals);
    expect(second).toEqual(first);
    expect(first.engagementRate).toBe(0.07);

    const events = (await storedEvents<EngagementEvent>(h.jsm, EVENTS_STREAM, subjects.postEngagement, before)).filter((e) => e.data.postId === post.id);
    expect(events).toHaveLength(1);
  });

  it('stores a rate above 1 when interactions outnumber impressions', async () => {
    const post = await insertPost(h.db, { personaId });
    const recorded = await recordTotals(post.id, { impressions: 2, likes: 300, replies: 0, reposts: 1 });
    expect(recorded.engagementRate).toBe(150.5);
    expect(recorded.engagement?.engagementRate).toBe(150.5);
  });

  it('gives the post and its engagement the same rate', async () => {
    const post = await insertPost(h.db, { personaId });
    const recorded = await recordTotals(post.id, { impressions: 3, likes: 1, replies: 0, reposts: 0 });
    expect(recorded.engagementRate).toBe(recorded.engagement?.engagementRate);
    expect(recorded.engagementRate).toBeCloseTo(1 / 3, 6);
  });

  it('publishes events.content.post.engagement with the totals', async () => {
    const post = await insertPost(h.db, { personaId });
    const events = await collectMessages<EngagementEvent>(h.nc, subjects.postEngagement);
    try {
      await recordTotals(post.id, { impressions: 50, likes: 5, replies: 1, reposts: 0, follows: 1 });
      const mine = await eventually(async () => {
        const received = events.messages.filter((e) => e.data.postId === post.id);
        return received.length > 0 ? received : undefined;
      });
      expect(mine).toEqual([
        expect.objectContaining({
          type: eventTypes.postEngagement,
          subject: post.id,
          data: { postId: post.id, personaId, impressions: 50, likes: 5, replies: 1, reposts: 0, follows: 1 },
        }),
      ]);
    } finally {
      events.stop();
    }
  });

  it('rejects negative or fractional counts with BAD_USER_INPUT and writes and publishes nothing', async () => {
    const post = await insertPost(h.db, { personaId });
    const control = await insertPost(h.db, { personaId });
    const events = await collectMessages<EngagementEvent>(h.nc, subjects.postEngagement);
    try {
      for (const input of [
        { impressions: 10, likes: -1, replies: 0, reposts: 0 },
        { impressions: -10, likes: 0, replies: 0, reposts: 0 },
        { impressions: 10, likes: 0, replies: 0, reposts: 0, follows: -3 },
      ]) {
        const response = await h.gql(record, { postId: post.id, input });
        expect(errorCode(response)).toBe('BAD_USER_INPUT');
      }
      const fractional = await h.gql(record, { postId: post.id, input: { impressions: 10.5, likes: 0, replies: 0, reposts: 0 } });
      expect(errorCode(fractional)).toBe('BAD_USER_INPUT');

      // A valid recording afterwards: its event arrives after any the bad ones could have sent.
      await recordTotals(control.id, { impressions: 10, likes: 1, replies: 0, reposts: 0 });
      await eventually(async () => (events.messages.some((e) => e.data.postId === control.id) ? true : undefined));
      expect(events.messages.filter((e) => e.data.postId === post.id)).toEqual([]);
    } finally {
      events.stop();
    }
    expect(await countRows(h.db, 'post_engagement', { post_id: post.id })).toBe(0);
    const { post: unchanged } = await h.data<{ post: Recorded }>(postQuery, { id: post.id });
    expect(unchanged).toEqual({ id: post.id, engagementRate: null, engagement: null });
  });

  it('answers NOT_FOUND for an unknown post and BAD_USER_INPUT for a malformed id', async () => {
    const input = { impressions: 1, likes: 0, replies: 0, reposts: 0 };
    expect(errorCode(await h.gql(record, { postId: randomUUID(), input }))).toBe('NOT_FOUND');
    expect(errorCode(await h.gql(record, { postId: 'post-1', input }))).toBe('BAD_USER_INPUT');
    expect(await countRows(h.db, 'post_engagement', {})).toBeGreaterThan(0);
  });
});
