import { startContentWorker } from '../../../subgraphs/content/src/worker';
import type { ContentWorker } from '../../../subgraphs/content/src/worker';
import { eventually } from '../../support/eventually';
import { errorCode } from '../../support/graphql';
import { startContentHarness } from './harness';
import type { ContentHarness } from './harness';

const VOICE_FIELDS = 'id name emoji replyMagnets hookEmoji preferredHookStyles';
const create = `mutation($input: CreatePersonaInput!) { createPersona(input: $input) { ${VOICE_FIELDS} } }`;
const update = `mutation($id: ID!, $input: UpdatePersonaInput!) { updatePersona(id: $id, input: $input) { ${VOICE_FIELDS} } }`;

interface Voice {
  id: string;
  name: string;
  emoji: string;
  replyMagnets: string[];
  hookEmoji: boolean;
  preferredHookStyles: string[];
}

describe('persona voice', () => {
  let h: ContentHarness;
  let worker: ContentWorker;

  beforeAll(async () => {
    h = await startContentHarness();
    worker = await startContentWorker(h.config);
  });

  afterAll(async () => {
    await worker?.stop();
    await h?.stop();
  });

  async function createPersona(input: Record<string, unknown>): Promise<Voice> {
    return (await h.data<{ createPersona: Voice }>(create, { input })).createPersona;
  }

  /** `extensions.fields` of the first error (input path -> problem). */
  function fieldErrors(response: { errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }> }): Record<string, string> {
    return (response.errors?.[0]?.extensions?.fields ?? {}) as Record<string, string>;
  }

  it('creates a persona without voice fields with the defaults: no magnets, no hook emoji, any style', async () => {
    const persona = await createPersona({ name: 'ai-plain', emoji: '🙂', tone: 'kind' });
    expect(persona).toMatchObject({ replyMagnets: [], hookEmoji: false, preferredHookStyles: [] });
  });

  it('creates and updates the voice fields, trimming magnets and dropping repeated styles', async () => {
    const persona = await createPersona({
      name: 'ai-voice',
      emoji: '🚀',
      tone: 'hype',
      replyMagnets: ['  Prove the simulation wrong 🚀 '],
      hookEmoji: true,
      preferredHookStyles: ['CONTRARIAN', 'BOLD', 'BOLD'],
    });
    expect(persona).toMatchObject({ replyMagnets: ['Prove the simulation wrong 🚀'], hookEmoji: true, preferredHookStyles: ['CONTRARIAN', 'BOLD'] });
    const { updatePersona } = await h.data<{ updatePersona: Voice }>(update, {
      id: persona.id,
      input: { replyMagnets: ['Who is building this?', 'Reply with your take'], preferredHookStyles: [] },
    });
    expect(updatePersona).toMatchObject({ replyMagnets: ['Who is building this?', 'Reply with your take'], hookEmoji: true, preferredHookStyles: [] });
    const { updatePersona: off } = await h.data<{ updatePersona: Voice }>(update, { id: persona.id, input: { hookEmoji: false } });
    expect(off).toMatchObject({ replyMagnets: ['Who is building this?', 'Reply with your take'], hookEmoji: false });
  });

  it('rejects bad voice fields with BAD_USER_INPUT naming the field, and changes nothing', async () => {
    const persona = await createPersona({ name: 'ai-strict', emoji: '📏', tone: 'calm', replyMagnets: ['Thoughts?'] });
    const tooMany = await h.gql(update, { id: persona.id, input: { replyMagnets: Array.from({ length: 11 }, (_, i) => `Magnet ${i}`) } });
    expect(errorCode(tooMany)).toBe('BAD_USER_INPUT');
    expect(Object.keys(fieldErrors(tooMany))).toEqual(['replyMagnets']);
    const tooLong = await h.gql(update, { id: persona.id, input: { replyMagnets: ['ok', 'x'.repeat(121)] } });
    expect(Object.keys(fieldErrors(tooLong))).toEqual(['replyMagnets.1']);
    const empty = await h.gql(create, { input: { name: 'ai-empty', emoji: '🫥', tone: 'calm', replyMagnets: ['  '] } });
    expect(Object.keys(fieldErrors(empty))).toEqual(['replyMagnets.0']);
    expect(errorCode(await h.gql(update, { id: persona.id, input: { hookEmoji: null } }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await h.gql(update, { id: persona.id, input: { preferredHookStyles: ['RANT'] } }))).toBe('BAD_USER_INPUT');
    const { persona: unchanged } = await h.data<{ persona: Voice }>(`query($id: ID!) { persona(id: $id) { ${VOICE_FIELDS} } }`, { id: persona.id });
    expect(unchanged).toEqual(persona);
  });

  it('generates a post whose hook is wrapped with the emoji and whose body ends with a reply magnet', async () => {
    const magnets = ['What wisdom would you add? 🙏', 'Share this with someone who needs it 🙏'];
    const persona = await createPersona({ name: 'ai-jesus', emoji: '🙏', tone: 'kind', hookEmoji: true, replyMagnets: magnets, preferredHookStyles: ['STORY'] });
    const { generatePost } = await h.data<{ generatePost: { id: string } }>('mutation($input: GeneratePostInput!) { generatePost(input: $input) { id } }', {
      input: { personaId: persona.id, topic: 'Finding peace in a busy week' },
    });
    const job = await eventually(async () => {
      const data = await h.data<{ generationJob: { status: string; text: string | null; post: { hook: string; body: string; qualityScore: number } | null } }>(
        'query($id: ID!) { generationJob(id: $id) { status text post { hook body qualityScore } } }',
        { id: generatePost.id },
      );
      return data.generationJob.status === 'COMPLETED' ? data.generationJob : undefined;
    });
    const post = job.post!;
    expect(post.hook).toMatch(/^🙏 .+ 🙏$/u);
    // The preferred STORY style: the offline writer's story hooks.
    expect(post.hook).toMatch(/^🙏 (Yesterday Finding peace in a busy week changed|I used to ignore Finding peace in a busy week)/u);
    expect(magnets.some((magnet) => post.body.endsWith(`\n\n${magnet}`))).toBe(true);
    expect(post.qualityScore).toBeGreaterThanOrEqual(0.7);
    expect(job.text).toBe(`${post.hook}\n\n${post.body}`);
  });
});
