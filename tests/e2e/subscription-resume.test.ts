import { testToken } from '../support/auth';
import { queryData } from '../support/graphql';
import { useTestStack } from '../support/stack';
import { collectSubscription, wsClient } from '../support/ws-client';

const CREATE = 'mutation($title: String!) { createAchievement(input: { title: $title, category: OTHER, impactScore: 10, complexityScore: 10 }) { id } }';
const WATCH = 'subscription Resume($since: DateTime) { achievementCreated(since: $since) { id title } }';

describe('resuming a subscription after a disconnection (`since`: replay from the EVENTS stream, then live)', () => {
  const stack = useTestStack();

  it('sends the events stored since the given time first, then the live ones, each once', async () => {
    const token = await testToken();
    const create = async (title: string) =>
      (await queryData<{ createAchievement: { id: string } }>(stack().gatewayUrl, CREATE, { title }, { authorization: `Bearer ${token}` })).createAchievement.id;
    // What a client saw last before it lost its connection, and what happened while it was away.
    const lastSeenAt = new Date();
    const missedFirst = await create('Missed while away, 1');
    const missedSecond = await create('Missed while away, 2');

    const client = wsClient(stack().gatewayUrl, token);
    try {
      const seen: string[] = [];
      let liveId: string | undefined;
      const iterator = client.iterate<{ achievementCreated: { id: string; title: string } }>({ query: WATCH, variables: { since: lastSeenAt.toISOString() } });
      for await (const result of iterator) {
        expect(result.errors).toBeUndefined();
        seen.push(result.data!.achievementCreated.id);
        // Both replayed: now a live one.
        if (seen.length === 2) liveId = await create('Created after the resume');
        if (seen.length === 3) break;
      }
      expect(seen).toEqual([missedFirst, missedSecond, liveId]);
    } finally {
      await client.dispose();
    }
  });

  it('ends at once with BAD_USER_INPUT for a `since` that is not an ISO 8601 date-time', async () => {
    const client = wsClient(stack().gatewayUrl, await testToken());
    try {
      const results = await collectSubscription(client, WATCH, { since: 'yesterday' });
      expect(results).toHaveLength(1);
      expect(results[0]?.data ?? null).toBeNull();
      expect(results[0]?.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    } finally {
      await client.dispose();
    }
  });
});
