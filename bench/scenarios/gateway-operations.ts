import { graphqlData } from '../lib/graphql-client';
import type { Platform } from '../lib/platform';
import type { SeededData } from '../lib/seed';

/** The project's cross-subgraph query: posts (content) with persona (content), variant (experiments) and trajectory (emotion). */
export const POSTS_QUERY =
  'query BenchPosts($first: Int!, $filter: PostFilter) { posts(first: $first, filter: $filter) { edges { node { id hook persona { name } variant { name } emotionTrajectory { trajectoryType dominantEmotion } } } } }';

/** The content subgraph's part of {@link POSTS_QUERY}: the ceiling, answered without a gateway. */
export const CONTENT_POSTS_QUERY = 'query BenchPosts($first: Int!, $filter: PostFilter) { posts(first: $first, filter: $filter) { edges { node { id hook persona { name } } } } }';

/** A write through the gateway: a post's engagement totals (content), which experiments then consumes. */
export const ENGAGEMENT_MUTATION =
  'mutation BenchEngagement($postId: ID!, $input: EngagementInput!) { recordEngagement(postId: $postId, input: $input) { id engagementRate engagement { impressions likes replies reposts follows } } }';

/** Variables of one request. */
export type Variables = Record<string, unknown>;

/** The identical run's variables: the 50 newest posts. */
export const IDENTICAL_VARIABLES: Variables = { first: 50, filter: null };

/**
 * The distinct-variables run's variables: `first` 40..50 with six filters (none, `status: DRAFT`
 * (every post), each persona, each persona's drafts): 66 different requests, sent round-robin, so
 * that concurrent requests almost never share a subgraph fetch.
 */
export function distinctVariables(seeded: SeededData): Variables[] {
  const filters: Array<Record<string, string> | null> = [null, { status: 'DRAFT' }];
  for (const personaId of seeded.personaIds) filters.push({ personaId }, { personaId, status: 'DRAFT' });
  const variables: Variables[] = [];
  for (let first = 40; first <= 50; first++) for (const filter of filters) variables.push({ first, filter });
  return variables;
}

/** The mutation's variables: one set of totals per seeded post. */
export function engagementVariables(seeded: SeededData): Variables[] {
  return seeded.postIds.map((postId, i) => ({ postId, input: { impressions: 1000 + i, likes: 10 + (i % 7), replies: i % 5, reposts: i % 3, follows: 1 } }));
}

interface PostNode {
  id: string;
  hook: string;
  persona: { name: string };
}

/**
 * The answer to {@link POSTS_QUERY} for `variables`, assembled from the subgraphs themselves
 * (content's posts, then experiments' and emotion's `_entities`, as a query planner would), in the
 * query's key order: what every gateway must return.
 *
 * @throws when a subgraph answers with errors, or a post has no variant or trajectory (the seed
 *   gives every post both)
 */
export async function expectedPosts(platform: Platform, variables: Variables): Promise<unknown> {
  const call = async <T>(subgraph: 'content' | 'experiments' | 'emotion', query: string, vars: Variables) =>
    graphqlData<T>(platform.subgraphUrls[subgraph], query, vars, await platform.env.gatewayHeaders(subgraph));
  const { posts } = await call<{ posts: { edges: Array<{ node: PostNode }> } }>('content', CONTENT_POSTS_QUERY, variables);
  const representations = posts.edges.map(({ node }) => ({ __typename: 'Post', id: node.id }));
  const [variants, trajectories] = await Promise.all([
    call<{ _entities: Array<{ variant: { name: string } | null }> }>('experiments', 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Post { variant { name } } } }', { r: representations }),
    call<{ _entities: Array<{ emotionTrajectory: { trajectoryType: string; dominantEmotion: string | null } | null }> }>(
      'emotion',
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Post { emotionTrajectory { trajectoryType dominantEmotion } } } }',
      { r: representations },
    ),
  ]);
  const edges = posts.edges.map(({ node }, i) => {
    const variant = variants._entities[i]?.variant;
    const trajectory = trajectories._entities[i]?.emotionTrajectory;
    if (!variant || !trajectory) throw new Error(`post ${node.id} has no ${variant ? 'trajectory' : 'variant'}`);
    return { node: { id: node.id, hook: node.hook, persona: { name: node.persona.name }, variant: { name: variant.name }, emotionTrajectory: { trajectoryType: trajectory.trajectoryType, dominantEmotion: trajectory.dominantEmotion } } };
  });
  return { posts: { edges } };
}

/** The content subgraph's answer to {@link CONTENT_POSTS_QUERY} (the ceiling's reference). */
export async function expectedContentPosts(platform: Platform, variables: Variables): Promise<unknown> {
  const { posts } = await graphqlData<{ posts: { edges: Array<{ node: PostNode }> } }>(platform.subgraphUrls.content, CONTENT_POSTS_QUERY, variables, await platform.env.gatewayHeaders('content'));
  return { posts: { edges: posts.edges.map(({ node }) => ({ node: { id: node.id, hook: node.hook, persona: { name: node.persona.name } } })) } };
}

/**
 * The answer to {@link ENGAGEMENT_MUTATION}: the post with the totals as given and
 * `engagementRate` = (likes + replies + reposts) / impressions, as the content subgraph computes it
 * (its own answer, checked against that formula to 1e-9).
 *
 * @throws when the content subgraph's answer is not that
 */
export async function expectedEngagement(platform: Platform, variables: Variables): Promise<unknown> {
  const data = await graphqlData<{ recordEngagement: { id: string; engagementRate: number; engagement: Record<string, number> } }>(
    platform.subgraphUrls.content,
    ENGAGEMENT_MUTATION,
    variables,
    await platform.env.gatewayHeaders('content'),
  );
  const input = variables.input as Record<string, number>;
  const rate = (input.likes! + input.replies! + input.reposts!) / input.impressions!;
  const post = data.recordEngagement;
  const totalsMatch = Object.entries(input).every(([key, value]) => post.engagement[key] === value);
  if (post.id !== variables.postId || !totalsMatch || Math.abs(post.engagementRate - rate) > 1e-9) {
    throw new Error(`content answered recordEngagement wrongly: ${JSON.stringify(post)} for ${JSON.stringify(variables)}`);
  }
  return data;
}
