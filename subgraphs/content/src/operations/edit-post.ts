import type { Kysely } from 'kysely';
import { NotFoundError } from '../../../../lib/errors';
import type { ContentDatabase, PostRow } from '../db/database';
import { findPostsByIds, updatePostIfStatus } from '../db/repositories/posts';
import { checkPostUpdate } from '../domain/post-lifecycle';
import type { EditorialStatus } from '../domain/post-lifecycle';

/** What `updatePost` changes (already validated). */
export interface PostEdit {
  hook?: string;
  body?: string;
  status?: EditorialStatus;
}

/**
 * `updatePost`: checks the change against the post's status (`checkPostUpdate`: only drafts are
 * edited, PUBLISHED is the publisher's) and writes it only if the status is still the one checked
 * (a publication starting meanwhile makes the check run again on the new status).
 *
 * @throws {NotFoundError} when the post does not exist
 * @throws {ConflictError} when the post's status does not allow the change
 */
export async function editPost(db: Kysely<ContentDatabase>, id: string, edit: PostEdit): Promise<PostRow> {
  for (;;) {
    const [post] = await findPostsByIds(db, [id]);
    if (!post) throw new NotFoundError('Post', id);
    checkPostUpdate(id, post.status, post.published_at !== null, { editsText: edit.hook !== undefined || edit.body !== undefined, status: edit.status });
    const updated = await updatePostIfStatus(db, id, [post.status], edit);
    if (updated) return updated;
  }
}
