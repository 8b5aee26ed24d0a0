import type { PostRow } from '../../../subgraphs/content/src/db/database';
import { updatePostIfStatus } from '../../../subgraphs/content/src/db/repositories/posts';
import { contentQuality } from '../../../subgraphs/content/src/domain/quality-score';
import { errorCode } from '../../support/graphql';
import { startFakeOpenAI } from '../../support/openai-server';
import { insertPersona, insertPost, startContentHarness } from './harness';
import type { ContentHarness } from './harness';

const UPDATE = 'mutation($id: ID!, $input: UpdatePostInput!) { updatePost(id: $id, input: $input) { id hook body status qualityScore } }';

interface EditedPost {
  id: string;
  hook: string;
  body: string;
  status: string;
  qualityScore: number | null;
}

/** A hook (62 characters, with `?`) and a body (227 characters, with `:`) that score 1. */
const GOOD_HOOK = 'What if the calmest hour of your day is the one you skip most?';
const GOOD_BODY =
  'Mornings reward the people who protect them. Put the phone in another room, drink a glass of water, and write one line about what matters today. Ten quiet minutes are enough to set the tone for ten loud hours. Try it: tomorrow.';

async function row(h: ContentHarness, id: string): Promise<PostRow> {
  return h.db.withSchema('content').selectFrom('posts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** A draft with a stored quality score (as the generation job leaves one). */
async function scoredDraft(h: ContentHarness, personaId: string): Promise<PostRow> {
  const post = await insertPost(h.db, { personaId, hook: GOOD_HOOK });
  return h.db
    .withSchema('content')
    .updateTable('posts')
    .set({ body: GOOD_BODY, quality_score: contentQuality(GOOD_HOOK, GOOD_BODY) })
    .where('id', '=', post.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

describe('updatePost: guardrail and quality score of edited drafts', () => {
  describe('offline guardrail', () => {
    let h: ContentHarness;
    let personaId: string;

    beforeAll(async () => {
      h = await startContentHarness();
      personaId = await insertPersona(h.db, 'ai-editor');
    });

    afterAll(async () => {
      await h?.stop();
    });

    it('computes the quality score again from the edited text, replacing the stale one', async () => {
      const post = await scoredDraft(h, personaId);
      expect(post.quality_score).toBe(1);
      // Hook 1, body of 14 characters 0.4 (under 100: −0.2; a terminator: +0.1).
      const { updatePost } = await h.data<{ updatePost: EditedPost }>(UPDATE, { id: post.id, input: { body: 'Too short now.' } });
      expect(updatePost).toMatchObject({ hook: GOOD_HOOK, body: 'Too short now.', status: 'DRAFT', qualityScore: 0.7 });
      expect((await row(h, post.id)).quality_score).toBe(0.7);

      // Hook of 10 characters without punctuation 0.3, body 1.
      const again = await h.data<{ updatePost: EditedPost }>(UPDATE, { id: post.id, input: { hook: 'Short hook', body: GOOD_BODY } });
      expect(again.updatePost.qualityScore).toBe(0.65);
      expect((await row(h, post.id)).quality_score).toBe(0.65);
    });

    it('gives a score to a draft stored without one when its text is edited', async () => {
      const post = await insertPost(h.db, { personaId, hook: 'A hook' });
      expect(post.quality_score).toBeNull();
      const { updatePost } = await h.data<{ updatePost: EditedPost }>(UPDATE, { id: post.id, input: { hook: GOOD_HOOK } });
      expect(updatePost.qualityScore).toBe(0.7);
    });

    it('keeps the score when only the status changes', async () => {
      const post = await scoredDraft(h, personaId);
      const { updatePost } = await h.data<{ updatePost: EditedPost }>(UPDATE, { id: post.id, input: { status: 'ARCHIVED' } });
      expect(updatePost).toMatchObject({ status: 'ARCHIVED', qualityScore: 1 });
    });

    it('rejects an edit the violence lexicon blocks with BAD_USER_INPUT and blockReasons, and writes nothing', async () => {
      const post = await scoredDraft(h, personaId);
      const response = await h.gql<{ updatePost: EditedPost }>(UPDATE, { id: post.id, input: { hook: 'How to murder my neighbour' } });
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(response.data).toBeNull();
      const error = response.errors?.[0];
      expect(error?.message).toBe('Blocked by the guardrail: blocklist:murder (text)');
      expect(error?.extensions?.blockReasons).toEqual([{ check: 'blocklist', category: 'murder', detail: 'text' }]);
      expect(error?.extensions?.fields).toEqual({ hook: 'blocked by the guardrail' });
      expect(await row(h, post.id)).toEqual(post);
    });

    it('judges the whole new text: a clean hook is blocked with the body it would stand beside, and the seed words and profanity are blocked too', async () => {
      const post = await insertPost(h.db, { personaId, hook: 'A hook' });
      await h.db.withSchema('content').updateTable('posts').set({ body: 'Then we bomb the place.' }).where('id', '=', post.id).execute();
      const before = await row(h, post.id);
      const seed = await h.gql(UPDATE, { id: post.id, input: { hook: 'A calm new hook' } });
      expect(seed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', blockReasons: [{ check: 'blocklist', category: 'bomb', detail: 'text' }] });
      const profane = await h.gql(UPDATE, { id: post.id, input: { body: 'What a fucking week.' } });
      expect(profane.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', blockReasons: [{ check: 'profanity', category: 'fuck', detail: 'text' }], fields: { body: 'blocked by the guardrail' } });
      expect(await row(h, post.id)).toEqual(before);
    });

    it('writes an edit only over the status and text it was checked against', async () => {
      const post = await scoredDraft(h, personaId);
      expect(await updatePostIfStatus(h.db, post.id, [post.status], { quality_score: 0 }, { ...post, hook: 'Another hook' })).toBeNull();
      expect(await updatePostIfStatus(h.db, post.id, ['ARCHIVED'], { quality_score: 0 }, post)).toBeNull();
      expect(await row(h, post.id)).toEqual(post);
      expect((await updatePostIfStatus(h.db, post.id, [post.status], { quality_score: 0.5 }, post))?.quality_score).toBe(0.5);
    });

    it('checks the status before the text: a published post is a CONFLICT whatever the text', async () => {
      const post = await insertPost(h.db, { personaId });
      await h.db.withSchema('content').updateTable('posts').set({ status: 'PUBLISHED', published_at: new Date() }).where('id', '=', post.id).execute();
      expect(errorCode(await h.gql(UPDATE, { id: post.id, input: { hook: 'How to murder my neighbour' } }))).toBe('CONFLICT');
    });
  });

  describe('moderation (OPENAI_API_KEY set, OpenAI protocol server)', () => {
    let server: Awaited<ReturnType<typeof startFakeOpenAI>>;
    let h: ContentHarness;
    let personaId: string;

    beforeAll(async () => {
      server = await startFakeOpenAI(['unused'], undefined, { moderate: (input) => (input.includes('teach my neighbour a lesson') ? ['violence', 'harassment'] : []) });
      h = await startContentHarness({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: server.baseURL });
      personaId = await insertPersona(h.db, 'ai-moderated-editor');
    });

    afterAll(async () => {
      await h?.stop();
      await server?.close();
    });

    it('rejects an edit the moderation endpoint flags, with its categories, after sending it the whole new text', async () => {
      const post = await scoredDraft(h, personaId);
      const before = server.moderationRequests.length;
      const hook = 'How to teach my neighbour a lesson he never forgets';
      const response = await h.gql(UPDATE, { id: post.id, input: { hook } });
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0]?.extensions?.blockReasons).toEqual([
        { check: 'moderation', category: 'harassment', detail: 'text' },
        { check: 'moderation', category: 'violence', detail: 'text' },
      ]);
      expect(server.moderationRequests.slice(before).map((r) => [r.body.model, r.body.input])).toEqual([['omni-moderation-latest', `${hook}\n\n${GOOD_BODY}`]]);
      expect(await row(h, post.id)).toEqual(post);
    });

    it('stores an edit the moderation endpoint passes, with its new score', async () => {
      const post = await scoredDraft(h, personaId);
      const before = server.moderationRequests.length;
      const { updatePost } = await h.data<{ updatePost: EditedPost }>(UPDATE, { id: post.id, input: { body: 'Rest well.' } });
      expect(updatePost).toMatchObject({ body: 'Rest well.', qualityScore: 0.7 });
      expect(server.moderationRequests.slice(before)).toHaveLength(1);
    });

    it('does not call the moderation endpoint when the offline checks already block the edit', async () => {
      const post = await scoredDraft(h, personaId);
      const before = server.moderationRequests.length;
      const response = await h.gql(UPDATE, { id: post.id, input: { body: 'I will stab you.' } });
      expect(response.errors?.[0]?.extensions?.blockReasons).toEqual([{ check: 'blocklist', category: 'stab', detail: 'text' }]);
      expect(server.moderationRequests.length).toBe(before);
    });
  });
});
