import { createLogger } from '../../lib/logger';
import type { SubgraphName } from '../../scripts/lib/stack';
import { seedIfEmpty } from '../../scripts/lib/seed';
import { testToken } from '../support/auth';
import { eventually } from '../support/eventually';
import { queryData as query } from '../support/graphql';
import { startTestStack } from '../support/stack';
import type { TestStack } from '../support/stack';

const CROSS_SUBGRAPH = `query Crossing {
  posts(first: 50) { edges { node { id hook persona { name } variant { name } emotionTrajectory { trajectoryType dominantEmotion } } } }
}`;

describe('SQL statements per request of the cross-subgraph query (50 posts with persona, variant and trajectory)', () => {
  let stack: TestStack;
  let token: string;
  const statements: Array<{ subgraph: SubgraphName; sql: string }> = [];
  const queryData = <T>(q: string, variables: Record<string, unknown> = {}) => query<T>(stack.gatewayUrl, q, variables, { authorization: `Bearer ${token}` });

  beforeAll(async () => {
    token = await testToken();
    stack = await startTestStack({}, { onQuery: (subgraph, sql) => statements.push({ subgraph, sql }) });
    await seedIfEmpty(stack.gatewayUrl, createLogger('seed', 'silent'), token);
    const { personas } = await queryData<{ personas: Array<{ id: string; name: string }> }>('{ personas { id name } }');
    const topics = Array.from({ length: 12 }, (_, i) => `crossing topic ${String.fromCharCode(97 + i)} with patience`);
    const jobs: string[] = [];
    for (const persona of personas) {
      for (const topic of topics) {
        const { generatePost } = await queryData<{ generatePost: { id: string } }>('mutation($input: GeneratePostInput!) { generatePost(input: $input) { id } }', { input: { personaId: persona.id, topic } });
        jobs.push(generatePost.id);
      }
    }
    // Every job finished, and every post has its trajectory: the query's answer no longer changes.
    await eventually(async () => {
      for (const id of jobs) {
        const { generationJob } = await queryData<{ generationJob: { status: string } }>('query($id: ID!) { generationJob(id: $id) { status } }', { id });
        if (generationJob.status === 'QUEUED' || generationJob.status === 'PROCESSING') return undefined;
      }
      const { posts } = await queryData<{ posts: { edges: Array<{ node: { emotionTrajectory: unknown } }> } }>(CROSS_SUBGRAPH);
      return posts.edges.length >= 20 && posts.edges.every((e) => e.node.emotionTrajectory) ? true : undefined;
    }, 60_000);
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('runs at most one statement per subgraph for the whole request', async () => {
    statements.length = 0;
    const { posts } = await queryData<{ posts: { edges: Array<{ node: { persona: { name: string }; variant: { name: string } | null; emotionTrajectory: { trajectoryType: string } | null } }> } }>(CROSS_SUBGRAPH);
    expect(posts.edges.length).toBeGreaterThanOrEqual(20);
    expect(posts.edges.every((e) => e.node.persona.name && e.node.emotionTrajectory)).toBe(true);
    const bySubgraph: Record<string, number> = {};
    // Each subgraph's outbox relay (lib/outbox) polls its own table in the background, whatever the requests.
    const requestStatements = statements.filter(({ sql }) => !/\boutbox\b/.test(sql));
    for (const { subgraph } of requestStatements) bySubgraph[subgraph] = (bySubgraph[subgraph] ?? 0) + 1;
    expect(bySubgraph).toEqual({ content: 1, experiments: 1, emotion: 1 });
  });
});
