import { testToken } from '../support/auth';
import { eventually } from '../support/eventually';
import { queryData as query } from '../support/graphql';
import { useTestStack } from '../support/stack';
import { wsClient } from '../support/ws-client';

/** Rounds of jobs: the sampler learns between rounds from the engagement of the previous ones. */
const ROUNDS = 6;
const JOBS_PER_ROUND = 10;

// Distinct words for distinct topics (no digits and no viral words: only the hooks differ in what the simulator rewards).
const SUBJECTS = ['gardening', 'pottery', 'sailing', 'baking', 'cycling', 'chess', 'birdwatching', 'knitting', 'hiking', 'painting'];
const PLACES = ['balconies', 'harbours', 'kitchens', 'mountains', 'libraries', 'deserts'];
const topicOf = (i: number) => `${SUBJECTS[i % SUBJECTS.length]} in ${PLACES[Math.floor(i / SUBJECTS.length) % PLACES.length]} with patience`;

interface PostNode {
  id: string;
  status: string;
  engagement: { impressions: number } | null;
  variant: { id: string } | null;
}

interface VariantView {
  id: string;
  name: string;
  impressions: number;
  successes: number;
  successRate: number;
}

describe('the closed loop: generate, gate, publish, measure, learn', () => {
  // The test polls 60 jobs' statuses through the gateway; its per-principal budget (600 requests a
  // minute by default, tested in edge/rate-limit) is raised so that polling never spends the next
  // round's generatePost calls.
  const stack = useTestStack({ SIMULATED_HOURS_PER_SECOND: '3600', ENGAGEMENT_POLL_INTERVAL_MS: '50', RATE_LIMIT_PER_MINUTE: '100000' });
  let token: string;
  const queryData = <T>(q: string, variables: Record<string, unknown> = {}) => query<T>(stack().gatewayUrl, q, variables, { authorization: `Bearer ${token}` });

  beforeAll(async () => {
    token = await testToken();
  });

  it('teaches the experiment on its own: question hooks earn more and are chosen more', async () => {
    const { createPersona } = await queryData<{ createPersona: { id: string } }>('mutation($input: CreatePersonaInput!) { createPersona(input: $input) { id } }', {
      input: { name: 'loop-calm', emoji: '🌿', tone: 'kind', autoPublish: true },
    });
    const personaId = createPersona.id;
    const { createExperiment } = await queryData<{ createExperiment: { id: string; variants: Array<{ id: string; name: string }> } }>(
      'mutation($input: CreateExperimentInput!) { createExperiment(input: $input) { id variants { id name } } }',
      {
        input: {
          name: 'Questions or statements',
          personaId,
          variants: [
            { name: 'statement', isControl: true, dimensions: { hookStyle: 'bold' } },
            { name: 'question', isControl: false, dimensions: { hookStyle: 'question' } },
          ],
        },
      },
    );
    const experimentId = createExperiment.id;
    const questionId = createExperiment.variants.find((v) => v.name === 'question')!.id;
    const statementId = createExperiment.variants.find((v) => v.name === 'statement')!.id;
    await queryData('mutation($id: ID!) { startExperiment(id: $id) { id } }', { id: experimentId });

    // Publications and engagement reach subscribers through the gateway as they happen.
    const client = wsClient(stack().gatewayUrl, token);
    const published = new Set<string>();
    const engagementUpdates: string[] = [];
    const stopPublished = client.subscribe<{ postPublished: { id: string } }>(
      { query: 'subscription($personaId: ID) { postPublished(personaId: $personaId) { id } }', variables: { personaId } },
      { next: (r) => r.data && published.add(r.data.postPublished.id), error: () => undefined, complete: () => undefined },
    );
    const stopEngagement = client.subscribe<{ postEngagementUpdated: { id: string } }>(
      { query: 'subscription($personaId: ID) { postEngagementUpdated(personaId: $personaId) { id engagement { impressions } } }', variables: { personaId } },
      { next: (r) => r.data && engagementUpdates.push(r.data.postEngagementUpdated.id), error: () => undefined, complete: () => undefined },
    );

    const postsQuery = `query($personaId: ID!) { posts(first: 100, filter: { personaId: $personaId }) { edges { node { id status engagement { impressions } variant { id } } } } }`;
    const experimentQuery = `query($id: ID!) { experiment(id: $id) { variants { id name impressions successes successRate } } }`;
    try {
      // Let the subscriptions reach the bridge before the first publication.
      await new Promise((resolve) => setTimeout(resolve, 500));
      for (let round = 0; round < ROUNDS; round++) {
        const jobs = await Promise.all(
          Array.from({ length: JOBS_PER_ROUND }, (_, i) =>
            queryData<{ generatePost: { id: string } }>('mutation($input: GeneratePostInput!) { generatePost(input: $input) { id } }', {
              input: { personaId, topic: topicOf(round * JOBS_PER_ROUND + i) },
            }),
          ),
        );
        // The round is learnt from once every post is published, fully reported, and counted by experiments.
        await eventually(async () => {
          const statuses = await Promise.all(
            jobs.map(async ({ generatePost }) => (await queryData<{ generationJob: { status: string } }>('query($id: ID!) { generationJob(id: $id) { status } }', { id: generatePost.id })).generationJob.status),
          );
          if (statuses.some((s) => s === 'QUEUED' || s === 'PROCESSING')) return undefined;
          expect(statuses.every((s) => s === 'COMPLETED')).toBe(true);
          const { posts } = await queryData<{ posts: { edges: Array<{ node: PostNode }> } }>(postsQuery, { personaId });
          const nodes = posts.edges.map((e) => e.node);
          if (nodes.length < (round + 1) * JOBS_PER_ROUND || nodes.some((n) => n.status !== 'PUBLISHED' || !n.engagement)) return undefined;
          const { experiment } = await queryData<{ experiment: { variants: VariantView[] } }>(experimentQuery, { id: experimentId });
          const counted = experiment.variants.reduce((sum, v) => sum + v.impressions, 0);
          return counted === nodes.reduce((sum, n) => sum + n.engagement!.impressions, 0) ? true : undefined;
        }, 60_000, 200);
      }

      const { posts } = await queryData<{ posts: { edges: Array<{ node: PostNode }> } }>(postsQuery, { personaId });
      const nodes = posts.edges.map((e) => e.node);
      expect(nodes).toHaveLength(ROUNDS * JOBS_PER_ROUND);
      const chosen = (variantId: string) => nodes.filter((n) => n.variant?.id === variantId).length;
      expect(chosen(questionId) + chosen(statementId)).toBe(ROUNDS * JOBS_PER_ROUND);
      expect(chosen(questionId)).toBeGreaterThan(chosen(statementId));

      const { experiment } = await queryData<{ experiment: { variants: VariantView[] } }>(experimentQuery, { id: experimentId });
      const question = experiment.variants.find((v) => v.id === questionId)!;
      const statement = experiment.variants.find((v) => v.id === statementId)!;
      expect(statement.impressions).toBeGreaterThan(0);
      expect(question.successRate).toBeGreaterThan(statement.successRate);

      await eventually(async () => (published.size === ROUNDS * JOBS_PER_ROUND ? true : undefined), 10_000);
      expect(new Set(engagementUpdates).size).toBe(ROUNDS * JOBS_PER_ROUND);
    } finally {
      stopPublished();
      stopEngagement();
      await client.dispose();
    }
  }, 240_000);
});
