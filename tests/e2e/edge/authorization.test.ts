import { randomUUID } from 'node:crypto';
import { startTestStack } from '../../support/stack';
import type { TestStack } from '../../support/stack';
import { asUser, firstCode } from './edge-support';

describe('the edge: authorization by scope', () => {
  let stack: TestStack;
  let personaId: string;
  let postId: string;
  let jobId: string;
  let experimentId: string;
  let achievementId: string;

  const admin = (query: string, variables: Record<string, unknown> = {}) => asUser<Record<string, { id: string }>>(stack.gatewayUrl, query, variables, { scope: 'admin' });
  const count = async (query: string, pick: (data: Record<string, unknown>) => unknown[]) => pick((await admin(query)).data as Record<string, unknown>).length;

  beforeAll(async () => {
    stack = await startTestStack();
    personaId = (await admin('mutation { createPersona(input: { name: "authz", emoji: "🔐", tone: "dry" }) { id } }')).data!.createPersona!.id;
    jobId = (await admin('mutation($p: ID!) { generatePost(input: { personaId: $p, topic: "Scopes" }) { id } }', { p: personaId })).data!.generatePost!.id;
    for (let i = 0; i < 200 && !postId; i++) {
      const job = await admin('query($id: ID!) { generationJob(id: $id) { id post { id } } }', { id: jobId });
      postId = (job.data?.generationJob as unknown as { post: { id: string } | null } | undefined)?.post?.id ?? '';
      if (!postId) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    experimentId = (
      await admin('mutation($input: CreateExperimentInput!) { createExperiment(input: $input) { id } }', {
        input: { name: 'authz', personaId, variants: [{ name: 'a', isControl: true, dimensions: {} }, { name: 'b', isControl: false, dimensions: {} }] },
      })
    ).data!.createExperiment!.id;
    achievementId = (await admin('mutation { createAchievement(input: { title: "authz", category: SECURITY, impactScore: 1, complexityScore: 1 }) { id } }')).data!.createAchievement!.id;
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  });

  const writes: Array<[string, string, () => Record<string, unknown>, string]> = [
    ['createPersona', 'mutation { createPersona(input: { name: "forbidden", emoji: "x", tone: "y" }) { id } }', () => ({}), 'content:write experiments:write achievements:write'],
    ['updatePersona', 'mutation($id: ID!) { updatePersona(id: $id, input: { tone: "loud" }) { id } }', () => ({ id: personaId }), 'content:write'],
    ['generatePost', 'mutation($p: ID!) { generatePost(input: { personaId: $p, topic: "no" }) { id } }', () => ({ p: personaId }), 'experiments:write achievements:write'],
    ['cancelGenerationJob', 'mutation($id: ID!) { cancelGenerationJob(id: $id) { id } }', () => ({ id: jobId }), 'experiments:write'],
    ['updatePost', 'mutation($id: ID!) { updatePost(id: $id, input: { hook: "hijacked" }) { id } }', () => ({ id: postId }), 'achievements:write'],
    ['publishPost', 'mutation($id: ID!) { publishPost(id: $id) { id } }', () => ({ id: postId }), 'experiments:write achievements:write'],
    ['recordEngagement', 'mutation($id: ID!) { recordEngagement(postId: $id, input: { impressions: 9, likes: 9, replies: 0, reposts: 0 }) { id } }', () => ({ id: postId }), ''],
    ['createExperiment', 'mutation($p: ID!) { createExperiment(input: { name: "no", personaId: $p, variants: [{ name: "a", isControl: true, dimensions: {} }, { name: "b", isControl: false, dimensions: {} }] }) { id } }', () => ({ p: personaId }), 'content:write'],
    ['startExperiment', 'mutation($id: ID!) { startExperiment(id: $id) { id } }', () => ({ id: experimentId }), 'content:write achievements:write'],
    ['pauseExperiment', 'mutation($id: ID!) { pauseExperiment(id: $id) { id } }', () => ({ id: experimentId }), 'achievements:write'],
    ['completeExperiment', 'mutation($id: ID!) { completeExperiment(id: $id) { id } }', () => ({ id: experimentId }), 'content:write'],
    ['recordVariantPerformance', 'mutation($v: ID!) { recordVariantPerformance(variantId: $v, impressions: 1, successes: 0) { id } }', () => ({ v: randomUUID() }), 'content:write achievements:write'],
    ['createAchievement', 'mutation { createAchievement(input: { title: "no", category: OTHER, impactScore: 1, complexityScore: 1 }) { id } }', () => ({}), 'content:write experiments:write'],
    ['updateAchievement', 'mutation($id: ID!) { updateAchievement(id: $id, input: { title: "hijacked" }) { id } }', () => ({ id: achievementId }), 'content:write'],
    ['deleteAchievement', 'mutation($id: ID!) { deleteAchievement(id: $id) { id } }', () => ({ id: achievementId }), 'experiments:write'],
  ];

  it.each(writes)('refuses %s without its scope with FORBIDDEN (403) and executes nothing', async (name, query, variables, scope) => {
    const response = await asUser(stack.gatewayUrl, query, variables(), { scope });
    expect(response.status).toBe(403);
    expect(firstCode(response)).toBe('FORBIDDEN');
    expect(response.errors?.[0]?.extensions?.fields).toEqual([`Mutation.${name}`]);
    expect(response.data).toBeUndefined();
  });

  it('wrote nothing for the refused mutations', async () => {
    const state = await admin(
      `query($p: ID!, $post: ID!, $job: ID!, $e: ID!, $a: ID!) {
        persona(id: $p) { tone createdBy } post(id: $post) { hook status engagement { impressions } } generationJob(id: $job) { status createdBy }
        experiment(id: $e) { status createdBy } achievement(id: $a) { title createdBy } experiments { id } achievements { totalCount }
      }`,
      { p: personaId, post: postId, job: jobId, e: experimentId, a: achievementId },
    );
    const data = state.data as unknown as {
      persona: { tone: string; createdBy: string }; post: { hook: string; status: string; engagement: unknown }; generationJob: { status: string; createdBy: string };
      experiment: { status: string; createdBy: string }; achievement: { title: string; createdBy: string }; experiments: unknown[]; achievements: { totalCount: number };
    };
    expect(data.persona.tone).toBe('dry');
    expect(data.post.hook).not.toBe('hijacked');
    expect(data.post.status).toBe('DRAFT');
    expect(data.post.engagement).toBeNull();
    expect(data.generationJob.status).toBe('COMPLETED');
    expect(data.experiment.status).toBe('DRAFT');
    expect(data.achievement.title).toBe('authz');
    expect(data.experiments).toHaveLength(1);
    expect(data.achievements.totalCount).toBe(1);
    expect(await count('{ personas { id } }', (d) => d.personas as unknown[])).toBe(1);
  });

  it('records who created each row (the caller the gateway vouched for)', async () => {
    const state = await admin('query($p: ID!, $job: ID!, $e: ID!, $a: ID!) { persona(id: $p) { createdBy } generationJob(id: $job) { createdBy } experiment(id: $e) { createdBy } achievement(id: $a) { createdBy } }', {
      p: personaId,
      job: jobId,
      e: experimentId,
      a: achievementId,
    });
    expect(Object.values(state.data as unknown as Record<string, { createdBy: string }>).map((row) => row.createdBy)).toEqual(['test-user', 'test-user', 'test-user', 'test-user']);
  });

  it.each([
    ['content:write', 'mutation($p: ID!) { generatePost(input: { personaId: $p, topic: "allowed" }) { id } }', () => ({ p: personaId })],
    ['experiments:write', 'mutation($id: ID!) { startExperiment(id: $id) { status } }', () => ({ id: experimentId })],
    ['achievements:write', 'mutation($id: ID!) { updateAchievement(id: $id, input: { portfolioReady: true }) { id } }', () => ({ id: achievementId })],
    ['admin', 'mutation($id: ID!) { updatePersona(id: $id, input: { description: "by admin" }) { id } }', () => ({ id: personaId })],
    ['admin', 'mutation { createAchievement(input: { title: "admin may", category: OTHER, impactScore: 1, complexityScore: 1 }) { id } }', () => ({})],
    ['content:write experiments:write', 'mutation($id: ID!) { recordEngagement(postId: $id, input: { impressions: 10, likes: 1, replies: 0, reposts: 0 }) { id } }', () => ({ id: postId })],
  ])('allows a write with scope %s', async (scope, query, variables) => {
    const response = await asUser(stack.gatewayUrl, query, variables(), { scope });
    expect(response.errors).toBeUndefined();
    expect(response.status).toBe(200);
  });

  it.each([
    ['personas', '{ personas { id } }'],
    ['posts', '{ posts(first: 5) { edges { node { id persona { name } variant { name } emotionTrajectory { trajectoryType } } } } }'],
    ['experiments', '{ experiments { id variants { name } } }'],
    ['achievements', '{ achievements(first: 5) { totalCount } achievementStats { count } }'],
    ['analyzeEmotions', '{ analyzeEmotions(text: "What a wonderful, hopeful day") { dominantEmotion } }'],
    ['contentStats', '{ contentStats { posts tokensUsed } }'],
  ])('allows reading %s with a token without scopes', async (_name, query) => {
    const response = await asUser(stack.gatewayUrl, query, {}, { scope: '' });
    expect(response.errors).toBeUndefined();
    expect(response.status).toBe(200);
  });

  it('refuses the whole operation when one of its fields is forbidden', async () => {
    const response = await asUser(
      stack.gatewayUrl,
      `mutation($p: ID!) { ok: generatePost(input: { personaId: $p, topic: "mixed" }) { id } no: createPersona(input: { name: "mixed", emoji: "x", tone: "y" }) { id } }`,
      { p: personaId },
      { scope: 'content:write' },
    );
    expect(firstCode(response)).toBe('FORBIDDEN');
    expect(response.errors?.[0]?.extensions?.fields).toEqual(['Mutation.createPersona']);
    expect(await count('{ personas { id } }', (d) => d.personas as unknown[])).toBe(1);
  });

  it('gives FORBIDDEN for an unknown id only after authorization (no existence leak)', async () => {
    const response = await asUser(stack.gatewayUrl, 'mutation($id: ID!) { deleteAchievement(id: $id) { id } }', { id: randomUUID() }, { scope: 'content:write' });
    expect(firstCode(response)).toBe('FORBIDDEN');
  });
});
