import { randomUUID } from 'node:crypto';
import type { Client } from 'graphql-ws';
import { testToken } from '../support/auth';
import { eventually } from '../support/eventually';
import { queryData as query } from '../support/graphql';
import { scrapeMetrics } from '../support/metrics';
import { useTestStack } from '../support/stack';
import { wsClient } from '../support/ws-client';

interface FeedEvent {
  type: string;
  status: string;
  text: string | null;
  job: { id: string; status: string; regenerations: number; post: { id: string; hook: string; body: string } | null };
}

const FEED = `subscription Feed($personaId: ID) {
  generationJobsUpdated(personaId: $personaId) { type status text job { id status regenerations post { id hook body } } }
}`;

/** Reads the feed until `done` says so. */
async function readUntil(client: Client, personaId: string, done: (event: FeedEvent) => boolean): Promise<FeedEvent[]> {
  const events: FeedEvent[] = [];
  for await (const result of client.iterate({ query: FEED, variables: { personaId } })) {
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    const event = (result.data as { generationJobsUpdated: FeedEvent }).generationJobsUpdated;
    events.push(event);
    if (done(event)) break;
  }
  return events;
}

describe('a job that rewrites a duplicate, watched through the gateway', () => {
  const stack = useTestStack({ OFFLINE_TOKEN_DELAY_MS: '10' });
  let token: string;
  const queryData = <T>(q: string, variables: Record<string, unknown> = {}) => query<T>(stack().gatewayUrl, q, variables, { authorization: `Bearer ${token}` });
  const generate = async (personaId: string, topic: string) =>
    (await queryData<{ generatePost: { id: string } }>('mutation Generate($input: GeneratePostInput!) { generatePost(input: $input) { id } }', { input: { personaId, topic } })).generatePost.id;

  beforeAll(async () => {
    token = await testToken();
  });

  it('streams REGENERATING with the text starting again, then the new text, and stores a post unlike the first', async () => {
    const { createPersona } = await queryData<{ createPersona: { id: string } }>('mutation Create($input: CreatePersonaInput!) { createPersona(input: $input) { id } }', {
      input: { name: `twice-${randomUUID().slice(0, 8)}`, emoji: '🔁', tone: 'kind' },
    });
    const personaId = createPersona.id;
    const topic = `saying the same thing twice ${randomUUID().slice(0, 8)}`;
    const firstId = await generate(personaId, topic);
    const first = await eventually(async () => {
      const { generationJob } = await queryData<{ generationJob: FeedEvent['job'] }>('query Job($id: ID!) { generationJob(id: $id) { id status regenerations post { id hook body } } }', { id: firstId });
      return generationJob.status === 'COMPLETED' ? generationJob : undefined;
    }, 30_000);
    const firstText = `${first.post!.hook}\n\n${first.post!.body}`;

    const client = wsClient(stack().gatewayUrl, token);
    try {
      const job: { id?: string } = {};
      const feed = readUntil(client, personaId, (event) => event.job.id === job.id && event.type === 'EMOTION_TRAJECTORY_STORED');
      await eventually(async () => ((await scrapeMetrics(stack().gatewayAdminPort))('gateway_subscriptions_active', { field: 'generationJobsUpdated' }) === 1 ? true : undefined));
      job.id = await generate(personaId, topic);
      const events = (await feed).filter((e) => e.job.id === job.id);

      const restart = events.findIndex((e) => e.type === 'REGENERATING');
      expect(restart).toBeGreaterThan(0);
      expect(events[restart]).toMatchObject({ status: 'PROCESSING', text: '', job: { regenerations: 1 } });
      // Before: the first text again, as far as written; after: the new text, growing from nothing.
      expect(firstText.startsWith(events[restart - 1]!.text!)).toBe(true);
      const after = events.slice(restart + 1).filter((e) => e.type === 'TOKEN_DELTA').map((e) => e.text!);
      for (let i = 1; i < after.length; i++) expect(after[i]!.startsWith(after[i - 1]!)).toBe(true);

      const completed = events.find((e) => e.type === 'STATUS_CHANGED' && e.status === 'COMPLETED')!;
      const post = completed.job.post!;
      expect(completed.job.regenerations).toBe(1);
      expect(after[after.length - 1]).toBe(`${post.hook}\n\n${post.body}`);
      expect(`${post.hook}\n\n${post.body}`).not.toBe(firstText);

      const { similarPosts } = await queryData<{ similarPosts: Array<{ score: number; post: { id: string } }> }>(
        'query Similar($text: String!, $personaId: ID) { similarPosts(text: $text, personaId: $personaId) { score post { id } } }',
        { text: firstText, personaId },
      );
      expect(similarPosts.map((s) => s.post.id)).toEqual([first.post!.id, post.id]);
      expect(similarPosts[0]!.score).toBe(1);
      expect(similarPosts[1]!.score).toBeLessThan(0.9);
    } finally {
      await client.dispose();
    }
  });
});
