import type { Kysely, Updateable } from 'kysely';
import { NotFoundError } from '../../../../lib/errors';
import type { ContentDatabase, PostRow, PostsTable } from '../db/database';
import { findPostsByIds, updatePostIfStatus } from '../db/repositories/posts';
import { BlockedTextError } from '../domain/guardrail';
import { checkPostUpdate } from '../domain/post-lifecycle';
import type { EditorialStatus } from '../domain/post-lifecycle';
import { postText } from '../domain/post-text';
import { contentQuality } from '../domain/quality-score';
import { guardText } from './guard-text';
import type { GuardTextDeps } from './guard-text';

/** What `updatePost` changes (already validated). */
export interface PostEdit {
  hook?: string;
  body?: string;
  status?: EditorialStatus;
}

/** What editing a post needs: the database, and the guardrail's moderator (null: offline checks only). */
export interface EditPostDeps extends GuardTextDeps {
  db: Kysely<ContentDatabase>;
}

/**
 * `updatePost`: checks the change against the post's status (`checkPostUpdate`: only drafts are
 * edited, PUBLISHED is the publisher's). A new hook or body is judged as the generation job
 * judges its text: the whole new text (hook, blank line, body) goes through the same guardrail
 * (`guardText`: blocklist, violence lexicon, profanity, then OpenAI's moderation when configured),
 * and the post's `quality_score` is computed again from it (stored even below `QUALITY_MIN`: the
 * gate stops generated text, an editor's text is theirs, and the score says what it is worth).
 * The change is written only if the status and text are still the ones checked (else the checks
 * run again on what the post is now).
 *
 * @throws {NotFoundError} when the post does not exist
 * @throws {ConflictError} when the post's status does not allow the change
 * @throws {BlockedTextError} when the guardrail blocks the new text (nothing is written)
 * @throws the moderator's error (nothing is written)
 */
export async function editPost(deps: EditPostDeps, id: string, edit: PostEdit): Promise<PostRow> {
  const editsText = edit.hook !== undefined || edit.body !== undefined;
  for (;;) {
    const [post] = await findPostsByIds(deps.db, [id]);
    if (!post) throw new NotFoundError('Post', id);
    checkPostUpdate(id, post.status, post.published_at !== null, { editsText, status: edit.status });
    const changes: Updateable<PostsTable> = { ...edit };
    if (editsText) {
      const hook = edit.hook ?? post.hook;
      const body = edit.body ?? post.body;
      const reasons = await guardText(deps, postText(hook, body), 'text');
      if (reasons.length > 0) throw new BlockedTextError(reasons, (['hook', 'body'] as const).filter((part) => edit[part] !== undefined));
      changes.quality_score = contentQuality(hook, body);
    }
    const updated = await updatePostIfStatus(deps.db, id, [post.status], changes, post);
    if (updated) return updated;
  }
}
