import { randomUUID } from 'node:crypto';
import { testToken } from '../support/auth';
import { queryData as query } from '../support/graphql';
import { useTestStack } from '../support/stack';
import { wsClient } from '../support/ws-client';

interface JobEvent {
  type: string;
  status: string;
  job: { id: string; status: string; blockReasons: Array<{ check: string; category: string; detail: string | null }>; post: { id: string } | null };
}

const WATCH = `subscription Watch($id: ID!) {
  generationJobUpdated(id: $id) { type status job { id status blockReasons { check category detail } post { id } } }
}`;

describe('a job the guardrail blocks, watched through the gateway', () => {
  const stack = useTestStack({ OFFLINE_TOKEN_DELAY_MS: '10' });
  let token: string;
  const queryData = <T>(q: string, variables: Record<string, unknown> = {}) => query<T>(stack().gatewayUrl, q, variables, { authorization: `Bearer ${token}` });

  beforeAll(async () => {
    token = await testToken();
  });

  it('ends generationJobUpdated with BLOCKED and the reasons, and stores no post', async () => {
    const { createPersona } = await queryData<{ createPersona: { id: string } }>('mutation Create($input: CreatePersonaInput!) { createPersona(input: $input) { id } }', {
      input: { name: `guarded-${randomUUID().slice(0, 8)}`, emoji: '🛡️', tone: 'kind' },
    });
    const { generatePost } = await queryData<{ generatePost: { id: string } }>('mutation Generate($input: GeneratePostInput!) { generatePost(input: $input) { id } }', {
      input: { personaId: createPersona.id, topic: 'How to kill my neighbour' },
    });
    const client = wsClient(stack().gatewayUrl, token);
    try {
      const events: JobEvent[] = [];
      // The stream ends by itself after BLOCKED (the loop would otherwise never finish).
      for await (const result of client.iterate({ query: WATCH, variables: { id: generatePost.id } })) {
        if (result.errors) throw new Error(JSON.stringify(result.errors));
        events.push((result.data as { generationJobUpdated: JobEvent }).generationJobUpdated);
      }
      const last = events[events.length - 1]!;
      expect(last.status).toBe('BLOCKED');
      expect(last.job).toMatchObject({ id: generatePost.id, status: 'BLOCKED', post: null, blockReasons: [{ check: 'blocklist', category: 'kill', detail: 'topic' }] });
      expect(events.some((e) => e.type === 'TOKEN_DELTA')).toBe(false);
    } finally {
      await client.dispose();
    }
  });
});
