import { randomUUID } from 'node:crypto';

import { eventually } from '../../support/eventually';
import { collectMessages, countRows, insertPersona, startContentHarness } from './harness';
import { errorCode } from '../../support/graphql';
import type { ContentHarness } from './harness';
import { TEST_NATS } from '../../support/nats';

const { subjects } = TEST_NATS;

const generate = 'mutation($input: GeneratePostInput!) { generatePost(input: $input) { id status } }';

describe('generatePost with bad input', () => {
  let h: ContentHarness;
  let personaId: string;

  // No worker: every JOBS message this suite causes stays visible to its own subscription.
  beforeAll(async () => {
    h = await startContentHarness();
    personaId = await insertPersona(h.db, 'ai-jesus');
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('leaves no job row and no JOBS message behind', async () => {
    await h.data(generate, { input: { personaId, topic: 'Gratitude', idempotencyKey: 'key-1' } });
    const jobsBefore = await countRows(h.db, 'generation_jobs');
    const published = await collectMessages<{ data: { jobId: string } }>(h.nc, subjects.generateJob);

    const cases: Array<{ input: Record<string, unknown>; code: string }> = [
      { input: { personaId: randomUUID(), topic: 'Unknown persona' }, code: 'NOT_FOUND' },
      { input: { personaId, topic: '' }, code: 'BAD_USER_INPUT' },
      { input: { personaId, topic: ' \n\t ' }, code: 'BAD_USER_INPUT' },
      { input: { personaId, topic: 'a'.repeat(2001) }, code: 'BAD_USER_INPUT' },
      { input: { personaId, topic: 'bad\u0000text' }, code: 'BAD_USER_INPUT' },
      { input: { personaId, topic: 'escape \u001b[2J' }, code: 'BAD_USER_INPUT' },
      { input: { personaId: 'not-a-uuid', topic: 'Malformed persona id' }, code: 'BAD_USER_INPUT' },
      { input: { personaId, topic: 'Malformed experiment id', experimentId: 'exp-1' }, code: 'BAD_USER_INPUT' },
      { input: { personaId, topic: 'Empty key', idempotencyKey: '' }, code: 'BAD_USER_INPUT' },
      { input: { personaId, topic: 42 }, code: 'BAD_USER_INPUT' },
      { input: { personaId, topic: 'Another topic', idempotencyKey: 'key-1' }, code: 'CONFLICT' },
    ];
    try {
      for (const { input, code } of cases) {
        const response = await h.gql(generate, { input });
        expect({ input, code: errorCode(response), data: response.data ?? null }).toEqual({ input, code, data: null });
        expect(await countRows(h.db, 'generation_jobs')).toBe(jobsBefore);
      }

      // A good request afterwards: its message arrives after any a bad one could have caused.
      const { generatePost: control } = await h.data<{ generatePost: { id: string } }>(generate, { input: { personaId, topic: 'Control' } });
      await eventually(async () => (published.messages.some((m) => m.data.jobId === control.id) ? true : undefined));
      // Other suites may publish jobs on the shared subject meanwhile; only this database's jobs count.
      const ours = new Set((await h.db.withSchema('content').selectFrom('generation_jobs').select('id').execute()).map((row) => row.id));
      expect(published.messages.map((m) => m.data.jobId).filter((id) => ours.has(id))).toEqual([control.id]);
    } finally {
      published.stop();
    }
    expect(await countRows(h.db, 'generation_jobs')).toBe(jobsBefore + 1);
    expect(await countRows(h.db, 'posts')).toBe(0);
  });

  it('accepts a topic of exactly 2000 characters after trimming', async () => {
    const { generatePost } = await h.data<{ generatePost: { id: string; status: string } }>(generate, {
      input: { personaId, topic: `  ${'a'.repeat(2000)}  ` },
    });
    expect(generatePost.status).toBe('QUEUED');
    const row = await h.db.withSchema('content').selectFrom('generation_jobs').select('topic').where('id', '=', generatePost.id).executeTakeFirstOrThrow();
    expect(row.topic).toBe('a'.repeat(2000));
  });
});
