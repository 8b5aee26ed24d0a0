import { randomUUID } from 'node:crypto';
import { countRows, startContentHarness } from './harness';
import { errorCode } from '../../support/graphql';
import type { ContentHarness } from './harness';

const PERSONA_FIELDS = 'id name emoji tone description hookModel bodyModel createdAt updatedAt';
const create = `mutation($input: CreatePersonaInput!) { createPersona(input: $input) { ${PERSONA_FIELDS} } }`;
const update = `mutation($id: ID!, $input: UpdatePersonaInput!) { updatePersona(id: $id, input: $input) { ${PERSONA_FIELDS} } }`;

interface Persona {
  id: string;
  name: string;
  emoji: string;
  tone: string;
  description: string;
  hookModel: string;
  bodyModel: string;
  createdAt: string;
  updatedAt: string;
}

describe('persona mutations', () => {
  let h: ContentHarness;

  beforeAll(async () => {
    h = await startContentHarness();
  });

  afterAll(async () => {
    await h?.stop();
  });

  async function createPersona(input: Record<string, unknown>): Promise<Persona> {
    return (await h.data<{ createPersona: Persona }>(create, { input })).createPersona;
  }

  it('creates a persona with default description and models', async () => {
    const persona = await createPersona({ name: 'ai-jesus', emoji: '🙏', tone: 'kind' });
    expect(persona).toMatchObject({ name: 'ai-jesus', emoji: '🙏', tone: 'kind', description: '', hookModel: 'gpt-4o', bodyModel: 'gpt-4o-mini' });
    const { persona: read } = await h.data<{ persona: Persona }>(`query($id: ID!) { persona(id: $id) { ${PERSONA_FIELDS} } }`, { id: persona.id });
    expect(read).toEqual(persona);
  });

  it('answers CONFLICT for a name already taken, and creates nothing', async () => {
    await createPersona({ name: 'ai-elon', emoji: '🚀', tone: 'hype' });
    const before = await countRows(h.db, 'personas');
    const response = await h.gql(create, { input: { name: 'ai-elon', emoji: '🤖', tone: 'calm' } });
    expect(errorCode(response)).toBe('CONFLICT');
    expect(await countRows(h.db, 'personas')).toBe(before);
  });

  it('rejects bad names and empty fields with BAD_USER_INPUT, and creates nothing', async () => {
    const before = await countRows(h.db, 'personas');
    for (const input of [
      { name: 'AI Jesus', emoji: '🙏', tone: 'kind' },
      { name: 'x', emoji: '🙏', tone: 'kind' },
      { name: 'a'.repeat(51), emoji: '🙏', tone: 'kind' },
      { name: 'ok-name', emoji: '', tone: 'kind' },
      { name: 'ok-name', emoji: '🙏', tone: '  ' },
    ]) {
      expect(errorCode(await h.gql(create, { input }))).toBe('BAD_USER_INPUT');
    }
    expect(await countRows(h.db, 'personas')).toBe(before);
  });

  it('updates the given fields and keeps the others', async () => {
    const persona = await createPersona({ name: 'ai-stoic', emoji: '🏛️', tone: 'calm', description: 'Old words.' });
    const { updatePersona } = await h.data<{ updatePersona: Persona }>(update, {
      id: persona.id,
      input: { tone: 'stern', description: 'Marcus would approve.', bodyModel: 'gpt-4.1-mini' },
    });
    expect(updatePersona).toMatchObject({
      id: persona.id,
      name: 'ai-stoic',
      emoji: '🏛️',
      tone: 'stern',
      description: 'Marcus would approve.',
      hookModel: 'gpt-4o',
      bodyModel: 'gpt-4.1-mini',
      createdAt: persona.createdAt,
    });
    expect(Date.parse(updatePersona.updatedAt)).toBeGreaterThanOrEqual(Date.parse(persona.updatedAt));
    const renamed = await h.data<{ updatePersona: Persona }>(update, { id: persona.id, input: { name: 'ai-marcus' } });
    expect(renamed.updatePersona).toMatchObject({ name: 'ai-marcus', tone: 'stern' });
  });

  it('answers CONFLICT when renaming to a taken name, and changes nothing', async () => {
    const a = await createPersona({ name: 'ai-first', emoji: '1️⃣', tone: 'kind' });
    await createPersona({ name: 'ai-second', emoji: '2️⃣', tone: 'kind' });
    const response = await h.gql(update, { id: a.id, input: { name: 'ai-second', tone: 'changed' } });
    expect(errorCode(response)).toBe('CONFLICT');
    const { persona } = await h.data<{ persona: Persona }>(`query($id: ID!) { persona(id: $id) { ${PERSONA_FIELDS} } }`, { id: a.id });
    expect(persona).toEqual(a);
  });

  it('answers NOT_FOUND for an unknown persona and BAD_USER_INPUT for bad input', async () => {
    const persona = await createPersona({ name: 'ai-target', emoji: '🎯', tone: 'kind' });
    expect(errorCode(await h.gql(update, { id: randomUUID(), input: { tone: 'calm' } }))).toBe('NOT_FOUND');
    expect(errorCode(await h.gql(update, { id: 'persona-1', input: { tone: 'calm' } }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await h.gql(update, { id: persona.id, input: { name: 'Not Valid' } }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await h.gql(update, { id: persona.id, input: { name: null } }))).toBe('BAD_USER_INPUT');
    const { persona: unchanged } = await h.data<{ persona: Persona }>(`query($id: ID!) { persona(id: $id) { ${PERSONA_FIELDS} } }`, { id: persona.id });
    expect(unchanged).toEqual(persona);
  });

  it('answers null for an unknown persona and BAD_USER_INPUT for a malformed id', async () => {
    const query = 'query($id: ID!) { persona(id: $id) { id } }';
    expect((await h.data<{ persona: null }>(query, { id: randomUUID() })).persona).toBeNull();
    expect(errorCode(await h.gql(query, { id: 'ai-jesus' }))).toBe('BAD_USER_INPUT');
  });
});
