import { setTimeout as sleep } from 'node:timers/promises';
import { SEED_PERSONAS } from '../../scripts/lib/seed';
import { queryRows } from './environment';
import { graphqlData } from './graphql-client';
import type { Platform } from './platform';

/** What the bench seeded: two personas, each with an active experiment and its posts. */
export interface SeededData {
  /** Persona ids, in {@link SEED_PERSONAS} order. */
  personaIds: string[];
  /** Every post id, newest first. */
  postIds: string[];
}

/** Calls a subgraph directly, as the gateway would (a fresh gateway credential). */
export async function callSubgraph<T>(platform: Platform, subgraph: 'content' | 'experiments', query: string, variables: Record<string, unknown> = {}): Promise<T> {
  return graphqlData<T>(platform.subgraphUrls[subgraph], query, variables, await platform.env.gatewayHeaders(subgraph));
}

/** Distinct topics (the offline writer writes one text per topic, so no two posts duplicate each other). */
export function benchTopic(index: number): string {
  const subjects = ['gratitude', 'focus', 'deep work', 'a hard conversation', 'shipping on Fridays', 'rest', 'mentoring', 'saying no', 'a failed launch', 'curiosity'];
  const settings = ['a busy week', 'the first job', 'a small team', 'a long winter', 'a new city', 'an open office', 'a quiet morning'];
  return `Notes ${index}: ${subjects[index % subjects.length]} in ${settings[Math.floor(index / subjects.length) % settings.length]}`;
}

/**
 * Seeds the platform through the subgraphs (gateway credentials): the two seed personas, an
 * active experiment for each (three hook styles, as `npm start` seeds one), then
 * `postsPerPersona` posts each through `generatePost` (the workers must run; zero token delay),
 * and waits until every job is COMPLETED and every post has its emotion trajectory and variant.
 *
 * @throws when the posts are not all written and analysed within `timeoutMs`
 */
export async function seedPlatform(platform: Platform, postsPerPersona: number, timeoutMs = 180_000): Promise<SeededData> {
  const personaIds: string[] = [];
  for (const input of SEED_PERSONAS) {
    const { createPersona } = await callSubgraph<{ createPersona: { id: string } }>(platform, 'content', 'mutation($input: CreatePersonaInput!) { createPersona(input: $input) { id } }', { input });
    personaIds.push(createPersona.id);
    const { createExperiment } = await callSubgraph<{ createExperiment: { id: string } }>(
      platform,
      'experiments',
      'mutation($input: CreateExperimentInput!) { createExperiment(input: $input) { id } }',
      {
        input: {
          name: `${input.name} hook styles`,
          personaId: createPersona.id,
          variants: [
            { name: 'control', isControl: true, dimensions: { hookStyle: 'story', length: 'medium' } },
            { name: 'question', isControl: false, dimensions: { hookStyle: 'question', length: 'short' } },
            { name: 'statistic', isControl: false, dimensions: { hookStyle: 'statistic', length: 'medium' } },
          ],
        },
      },
    );
    await callSubgraph(platform, 'experiments', 'mutation($id: ID!) { startExperiment(id: $id) { id } }', { id: createExperiment.id });
  }
  const total = postsPerPersona * personaIds.length;
  for (let i = 0; i < total; i++) {
    await callSubgraph(platform, 'content', 'mutation($input: GeneratePostInput!) { generatePost(input: $input) { id } }', {
      input: { personaId: personaIds[i % personaIds.length], topic: benchTopic(i) },
    });
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await queryRows<{ jobs: string; done: string; posts: string; analysed: string; assigned: string }>(
      platform.env.databaseUrl,
      `select (select count(*) from content.generation_jobs) as jobs,
              (select count(*) from content.generation_jobs where status = 'COMPLETED') as done,
              (select count(*) from content.posts) as posts,
              (select count(*) from emotion.emotion_trajectory_posts) as analysed,
              (select count(*) from experiments.variant_assignments) as assigned`,
    );
    const counts = { jobs: Number(row!.jobs), done: Number(row!.done), posts: Number(row!.posts), analysed: Number(row!.analysed), assigned: Number(row!.assigned) };
    if (counts.done === total && counts.posts === total && counts.analysed === total && counts.assigned === total) break;
    if (Date.now() > deadline) throw new Error(`seeding did not finish within ${timeoutMs / 1000} s: ${JSON.stringify(counts)} of ${total}`);
    await sleep(250);
  }
  const posts = await queryRows<{ id: string }>(platform.env.databaseUrl, 'select id from content.posts order by created_at desc, id desc');
  return { personaIds, postIds: posts.map((p) => p.id) };
}
