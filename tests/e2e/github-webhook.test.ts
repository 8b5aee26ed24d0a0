import { randomUUID } from 'node:crypto';
import { testToken } from '../support/auth';
import { TEST_WEBHOOK_SECRET, deliver, mergedPullRequest, signedHeaders } from '../support/github';
import { eventually } from '../support/eventually';
import { scrapeMetrics } from '../support/metrics';
import { useTestStack } from '../support/stack';
import { wsClient } from '../support/ws-client';

interface Created {
  achievementCreated: { id: string; title: string; impactScore: number; portfolioReady: boolean; sourceId: string; pullRequest: { number: number } | null };
}

describe('a GitHub delivery to the public port', () => {
  const stack = useTestStack({ GITHUB_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET, AUTO_CONTENT_PERSONA: 'shipper' });
  const webhookUrl = () => stack().gatewayUrl.replace(/\/graphql$/, '/webhooks/github');

  const gql = async <T>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const response = await fetch(stack().gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data!;
  };

  it('becomes one scored achievement that a subscriber sees live, however often it is redelivered, and a post about it', async () => {
    const token = await testToken();
    await gql(token, 'mutation Persona { createPersona(input: { name: "shipper", emoji: "🚢", tone: "hype" }) { id } }');
    const client = wsClient(stack().gatewayUrl, token);
    try {
      const seen: Created['achievementCreated'][] = [];
      const subscription = (async () => {
        for await (const result of client.iterate<Created>({ query: 'subscription Shipped { achievementCreated { id title impactScore portfolioReady sourceId pullRequest { number } } }' })) {
          if (result.errors) throw new Error(JSON.stringify(result.errors));
          seen.push(result.data!.achievementCreated);
          if (seen.some((a) => a.sourceId === 'acme/api#501')) return;
        }
      })();
      await eventually(async () => ((await scrapeMetrics(stack().gatewayAdminPort))('gateway_subscriptions_active', { field: 'achievementCreated' }) === 1 ? true : undefined));

      const payload = JSON.stringify(mergedPullRequest({ number: 501, title: 'feat: offline mode', labels: ['feature', 'performance'], additions: 650, deletions: 50, changedFiles: 12 }));
      const deliveryId = randomUUID();
      const headers = await signedHeaders('pull_request', deliveryId, payload);
      expect(await deliver(webhookUrl(), headers, payload)).toMatchObject({ status: 202, body: { status: 'queued' } });
      await subscription;
      const created = seen.find((a) => a.sourceId === 'acme/api#501')!;
      expect(created).toMatchObject({ title: 'feat: offline mode', impactScore: 85, portfolioReady: true, pullRequest: { number: 501 } });

      // GitHub redelivers the same delivery, then sends the PR again under a new delivery id.
      expect(await deliver(webhookUrl(), headers, payload)).toMatchObject({ status: 200, body: { status: 'duplicate' } });
      expect((await deliver(webhookUrl(), await signedHeaders('pull_request', randomUUID(), payload), payload)).status).toBe(202);
      await eventually(async () => ((await scrapeMetrics(stack().adminPorts.achievementsWorker))('achievements_webhook_deliveries_total', { event: 'pull_request', outcome: 'processed' }) === 2 ? true : undefined));
      const { achievements } = await gql<{ achievements: { totalCount: number } }>(token, '{ achievements(filter: { search: "offline mode" }) { totalCount } }');
      expect(achievements.totalCount).toBe(1);

      // The auto content pipeline writes one post about it for AUTO_CONTENT_PERSONA, linked through federation.
      const posts = await eventually(async () => {
        const data = await gql<{ achievement: { posts: Array<{ id: string; persona: { name: string }; achievement: { id: string } }> } }>(
          token,
          'query Posts($id: ID!) { achievement(id: $id) { posts { id persona { name } achievement { id } } } }',
          { id: created.id },
        );
        return data.achievement.posts.length > 0 ? data.achievement.posts : undefined;
      }, 20_000);
      expect(posts).toHaveLength(1);
      expect(posts[0]).toMatchObject({ persona: { name: 'shipper' }, achievement: { id: created.id } });
    } finally {
      await client.dispose();
    }
  });

  it('passes the service\'s refusal of a forged delivery through, and needs no bearer token', async () => {
    const payload = JSON.stringify(mergedPullRequest({ number: 502, title: 'feat: forged', additions: 900, deletions: 0, changedFiles: 20 }));
    const forged = await signedHeaders('pull_request', randomUUID(), payload, 'not-the-secret');
    expect((await deliver(webhookUrl(), forged, payload)).status).toBe(401);
    expect((await fetch(webhookUrl())).status).toBe(405);
  });
});
