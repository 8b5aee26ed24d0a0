import { useTestStack } from '../../support/stack';
import { asUser, platformHealthy } from './edge-support';
import { deadPort } from '../../support/ports';

describe('the edge: one subgraph down', () => {
  const stack = useTestStack(async () => ({ EMOTION_URL: `http://127.0.0.1:${await deadPort()}/graphql`, SUBGRAPH_RETRIES: '0', SUBGRAPH_BREAKER_THRESHOLD: '2' }));

  beforeAll(async () => {
    await asUser(stack().gatewayUrl, 'mutation { createPersona(input: { name: "down", emoji: "x", tone: "y" }) { id } }');
  });

  it.each([1, 2, 3, 4])('answers the other subgraphs’ fields and names the dead one (attempt %i)', async () => {
    const response = await asUser<{ personas: Array<{ name: string }>; emotionTrajectory: unknown }>(
      stack().gatewayUrl,
      '{ personas { name } emotionTrajectory(postId: "00000000-0000-0000-0000-000000000000") { id } }',
    );
    expect(response.status).toBe(200);
    expect(response.data?.personas.map((p) => p.name)).toEqual(['down']);
    expect(response.data?.emotionTrajectory).toBeNull();
    expect(response.errors?.[0]?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
    expect(response.errors?.[0]?.extensions?.subgraph).toBe('emotion');
    expect(response.errors?.[0]?.message).toContain('emotion');
  });

  it('stays healthy', async () => {
    expect(await platformHealthy(stack().gatewayUrl, stack().gatewayAdminPort)).toBe(true);
  });
});
