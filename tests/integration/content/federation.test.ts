import { randomUUID } from 'node:crypto';
import { insertPersona, insertPost, startContentHarness } from './harness';
import type { ContentHarness } from './harness';

const entitiesQuery = `query($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on Persona { id name tone }
    ... on Post { id hook persona { id name } job { id status } }
    ... on GenerationJob { id topic status persona { id } post { id } }
  }
}`;

interface Entity {
  __typename: string;
  id: string;
  [field: string]: unknown;
}

/** Statements that read the table `content.<table>`. */
const selectsFrom = (statements: string[], table: string) =>
  statements.filter((sql) => /^\s*select/i.test(sql) && sql.includes(`from "content"."${table}"`));

describe('content federation: _entities', () => {
  let h: ContentHarness;
  let personaId: string;
  let jobIds: string[];
  let postIds: string[];

  beforeAll(async () => {
    h = await startContentHarness();
    personaId = await insertPersona(h.db, 'ai-jesus');
    jobIds = [];
    postIds = [];
    for (let i = 0; i < 5; i++) {
      const job = await h.db
        .withSchema('content')
        .insertInto('generation_jobs')
        .values({ persona_id: personaId, topic: `Topic ${i}`, idempotency_key: null, experiment_id: null, status: 'COMPLETED', stage: 'DONE' })
        .returningAll()
        .executeTakeFirstOrThrow();
      await h.db
        .withSchema('content')
        .insertInto('posts')
        .values({
          id: job.post_id,
          persona_id: personaId,
          job_id: job.id,
          hook: `Hook ${i}`,
          body: 'Body.',
          original_input: job.topic,
          tokens_used: 10,
          cost_usd: 0,
          model: 'offline-generator',
        })
        .execute();
      jobIds.push(job.id);
      postIds.push(job.post_id);
    }
  });

  afterAll(async () => {
    await h?.stop();
  });

  async function entities(representations: Array<{ __typename: string; id: string }>) {
    h.statements.length = 0;
    return h.data<{ _entities: Array<Entity | null> }>(entitiesQuery, { representations });
  }

  it('resolves a Persona, a Post and a GenerationJob by id', async () => {
    const { _entities } = await entities([
      { __typename: 'Persona', id: personaId },
      { __typename: 'Post', id: postIds[0]! },
      { __typename: 'GenerationJob', id: jobIds[0]! },
    ]);
    expect(_entities).toEqual([
      { __typename: 'Persona', id: personaId, name: 'ai-jesus', tone: 'kind' },
      { __typename: 'Post', id: postIds[0], hook: 'Hook 0', persona: { id: personaId, name: 'ai-jesus' }, job: { id: jobIds[0], status: 'COMPLETED' } },
      { __typename: 'GenerationJob', id: jobIds[0], topic: 'Topic 0', status: 'COMPLETED', persona: { id: personaId }, post: { id: postIds[0] } },
    ]);
  });

  it('resolves unknown ids to null', async () => {
    const { _entities } = await entities([
      { __typename: 'Persona', id: randomUUID() },
      { __typename: 'Post', id: randomUUID() },
      { __typename: 'GenerationJob', id: randomUUID() },
    ]);
    expect(_entities).toEqual([null, null, null]);
  });

  it('resolves malformed ids to null without failing the other references of the batch', async () => {
    const { _entities } = await entities([
      { __typename: 'Post', id: postIds[0]! },
      { __typename: 'Post', id: 'not-a-uuid' },
      { __typename: 'Persona', id: '42' },
      { __typename: 'GenerationJob', id: `${jobIds[0]}x` },
      { __typename: 'GenerationJob', id: jobIds[1]! },
    ]);
    expect(_entities.map((entity) => entity?.id ?? null)).toEqual([postIds[0], null, null, null, jobIds[1]]);
  });

  it('resolves N Post references with one select on posts (and one per related table)', async () => {
    const { _entities } = await entities(postIds.map((id) => ({ __typename: 'Post', id })));
    expect(_entities.map((entity) => entity?.id)).toEqual(postIds);
    expect(_entities.map((entity) => entity?.hook)).toEqual(['Hook 0', 'Hook 1', 'Hook 2', 'Hook 3', 'Hook 4']);
    expect(selectsFrom(h.statements, 'posts')).toHaveLength(1);
    expect(selectsFrom(h.statements, 'personas')).toHaveLength(1);
    expect(selectsFrom(h.statements, 'generation_jobs')).toHaveLength(1);
  });

  it('resolves N GenerationJob and Persona references with one select each', async () => {
    const other = await insertPersona(h.db, 'ai-elon', 'hype');
    const { _entities } = await entities([
      ...jobIds.map((id) => ({ __typename: 'GenerationJob', id })),
      { __typename: 'Persona', id: personaId },
      { __typename: 'Persona', id: other },
    ]);
    expect(_entities.map((entity) => entity?.id)).toEqual([...jobIds, personaId, other]);
    expect(selectsFrom(h.statements, 'generation_jobs')).toHaveLength(1);
    expect(selectsFrom(h.statements, 'personas')).toHaveLength(1);
    expect(selectsFrom(h.statements, 'posts')).toHaveLength(1);
  });

  it('resolves a post inserted without a job', async () => {
    const post = await insertPost(h.db, { personaId, hook: 'Hand-written' });
    const { _entities } = await entities([{ __typename: 'Post', id: post.id }]);
    expect(_entities[0]).toMatchObject({ id: post.id, hook: 'Hand-written', job: null });
  });
});
