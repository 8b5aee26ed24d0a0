import { randomUUID } from 'node:crypto';
import type { Client } from 'graphql-ws';
import { testToken } from '../support/auth';
import { eventually } from '../support/eventually';
import { scrapeMetrics } from '../support/metrics';
import { queryData as query } from '../support/graphql';
import { useTestStack } from '../support/stack';
import { collectSubscription, wsClient } from '../support/ws-client';

interface FeedEvent {
  type: string;
  status: string;
  delta: string | null;
  text: string | null;
  job: { id: string; status: string; persona: { id: string }; post: { id: string; hook: string; body: string } | null };
}

const FEED = `subscription Feed($personaId: ID) {
  generationJobsUpdated(personaId: $personaId) {
    type status delta text
    job { id status persona { id } post { id hook body } }
  }
}`;

const WATCH = `subscription Watch($id: ID!) {
  generationJobUpdated(id: $id) { type status delta text job { id status post { id hook body } } }
}`;

/** Reads a subscription's events until `done` says so (the persona feed never ends by itself). */
async function readUntil<T>(client: Client, q: string, variables: Record<string, unknown>, pick: (data: Record<string, unknown>) => T, done: (event: T, all: T[]) => boolean): Promise<T[]> {
  const events: T[] = [];
  for await (const result of client.iterate({ query: q, variables })) {
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    const event = pick(result.data as Record<string, unknown>);
    events.push(event);
    if (done(event, events)) break;
  }
  return events;
}

/** Every text seen grows the one before it, and the last one is the post's text. */
function expectGrowingText(events: FeedEvent[], final: string): void {
  const texts = events.map((e) => e.text).filter((t): t is string => t !== null);
  for (let i = 1; i < texts.length; i++) expect(texts[i]!.startsWith(texts[i - 1]!)).toBe(true);
  expect(texts[texts.length - 1]).toBe(final);
}

describe('a job a person can watch being written', () => {
  // 40 ms a word: a post takes about 2 s, long enough to arrive mid-job.
  const stack = useTestStack({ OFFLINE_TOKEN_DELAY_MS: '40' });
  let token: string;
  let personas: string[];
  const queryData = <T>(q: string, variables: Record<string, unknown> = {}) => query<T>(stack().gatewayUrl, q, variables, { authorization: `Bearer ${token}` });
  const generate = async (personaId: string) =>
    (await queryData<{ generatePost: { id: string } }>('mutation Generate($input: GeneratePostInput!) { generatePost(input: $input) { id } }', {
      input: { personaId, topic: `watching words appear ${randomUUID()}` },
    })).generatePost.id;

  /** Waits until the gateway serves `count` persona feeds (its NATS subscriptions are made before it counts one). */
  const feedOpen = (count: number) =>
    eventually(async () => ((await scrapeMetrics(stack().gatewayAdminPort))('gateway_subscriptions_active', { field: 'generationJobsUpdated' }) === count ? true : undefined));

  beforeAll(async () => {
    token = await testToken();
    personas = [];
    for (const name of ['watched', 'unwatched']) {
      const { createPersona } = await queryData<{ createPersona: { id: string } }>(
        'mutation Create($input: CreatePersonaInput!) { createPersona(input: $input) { id } }',
        { input: { name: `${name}-${randomUUID().slice(0, 8)}`, emoji: '👀', tone: 'kind' } },
      );
      personas.push(createPersona.id);
    }
  });

  it('streams a persona\'s job from QUEUED to its trajectory, with the text so far on every event', async () => {
    const [watched, unwatched] = personas as [string, string];
    const client = wsClient(stack().gatewayUrl, token);
    try {
      const job: { id?: string } = {};
      const feed = readUntil<FeedEvent>(
        client,
        FEED,
        { personaId: watched },
        (data) => data.generationJobsUpdated as FeedEvent,
        (event) => event.type === 'EMOTION_TRAJECTORY_STORED' && event.job.id === job.id,
      );
      await feedOpen(1);
      job.id = await generate(watched);
      const other = await generate(unwatched);
      const events = await feed;

      expect(events.every((e) => e.job.persona.id === watched)).toBe(true);
      expect(events.some((e) => e.job.id === other)).toBe(false);
      const statuses = events.filter((e) => e.type === 'STATUS_CHANGED').map((e) => e.status);
      expect(statuses).toEqual(['QUEUED', 'PROCESSING', 'COMPLETED']);
      expect(events.filter((e) => e.type === 'TOKEN_DELTA').every((e) => e.status === 'PROCESSING')).toBe(true);

      const deltas = events.filter((e) => e.type === 'TOKEN_DELTA');
      expect(deltas.length).toBeGreaterThan(20);
      let written = '';
      for (const e of deltas) {
        written += e.delta;
        expect(e.text).toBe(written);
      }
      const completed = events.find((e) => e.status === 'COMPLETED' && e.type === 'STATUS_CHANGED')!;
      const post = completed.job.post!;
      expect(post.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(completed.text).toBe(`${post.hook}\n\n${post.body}`);
      expectGrowingText(events, `${post.hook}\n\n${post.body}`);
    } finally {
      await client.dispose();
    }
  });

  it('gives a subscriber who arrives mid-job the text written so far, then the rest', async () => {
    const [watched] = personas as [string];
    const feedClient = wsClient(stack().gatewayUrl, token);
    const lateClient = wsClient(stack().gatewayUrl, token);
    try {
      const job: { id?: string } = {};
      // Wait on the feed until the job has written more than a few words and saved them.
      const midJob = readUntil<FeedEvent>(
        feedClient,
        FEED,
        { personaId: watched },
        (data) => data.generationJobsUpdated as FeedEvent,
        (event) => event.job.id === job.id && (event.text?.length ?? 0) > 60,
      );
      await feedOpen(1);
      job.id = await generate(watched);
      await midJob;
      await new Promise((resolve) => setTimeout(resolve, 400));

      const { generationJob } = await queryData<{ generationJob: { status: string; text: string | null } }>('query Job($id: ID!) { generationJob(id: $id) { status text } }', { id: job.id });
      expect(generationJob.status).toBe('PROCESSING');
      expect(generationJob.text!.length).toBeGreaterThan(60);

      const results = await collectSubscription<{ generationJobUpdated: FeedEvent }>(lateClient, WATCH, { id: job.id });
      const events = results.map((r) => r.data!.generationJobUpdated);
      expect(events[0]!.type).toBe('SNAPSHOT');
      expect(events[0]!.text!.length).toBeGreaterThan(60);
      expect(events.some((e) => e.type === 'TOKEN_DELTA')).toBe(true);
      const post = events.find((e) => e.job.post)!.job.post!;
      expectGrowingText(events, `${post.hook}\n\n${post.body}`);
      expect(events[events.length - 1]!.type).toBe('EMOTION_TRAJECTORY_STORED');
    } finally {
      await feedClient.dispose();
      await lateClient.dispose();
    }
  });
});
