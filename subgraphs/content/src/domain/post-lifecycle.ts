import { ConflictError } from '../../../../lib/errors';
import type { PostStatus } from '../db/database';

/**
 * Editorial life of a post (issue 9): DRAFT -> PUBLISHING (`publishPost`, or auto-publish) ->
 * PUBLISHED, or PUBLISH_FAILED after the publisher's last retry; ARCHIVED hides a post. Only
 * drafts are edited, only the publisher sets PUBLISHED.
 */

/** What `publishPost` does with a post in a status. */
export type PublishStep = 'queue' | 'unchanged';

/**
 * `publishPost` on a post: a DRAFT or PUBLISH_FAILED post is queued (a failed one is retried);
 * one PUBLISHING or PUBLISHED is returned unchanged (the mutation is idempotent).
 *
 * @throws {ConflictError} for an ARCHIVED post
 */
export function publishStep(postId: string, status: PostStatus): PublishStep {
  if (status === 'DRAFT' || status === 'PUBLISH_FAILED') return 'queue';
  if (status === 'PUBLISHING' || status === 'PUBLISHED') return 'unchanged';
  throw new ConflictError(`Post ${postId} is ${status} and cannot be published`);
}

/** Statuses `updatePost` sets: DRAFT and ARCHIVED (PUBLISHING and PUBLISHED are `publishPost`'s). */
export type EditorialStatus = 'DRAFT' | 'ARCHIVED';

/** Statuses from which `updatePost` may move a post to each editorial status. */
const ALLOWED_FROM: Readonly<Record<EditorialStatus, readonly PostStatus[]>> = {
  ARCHIVED: ['DRAFT', 'PUBLISHED', 'PUBLISH_FAILED'],
  DRAFT: ['ARCHIVED', 'PUBLISH_FAILED'],
};

/**
 * Checks an `updatePost` on a post in `status`: a new hook or body only on a DRAFT (what was
 * published stays as published), or on a PUBLISH_FAILED post moved back to DRAFT in the same
 * update; ARCHIVED from a draft, a failed or a published post; back to DRAFT from a failed post or
 * an archived one that was never published. Setting the status it has is no change.
 *
 * @param published whether the post was ever published (`published_at` set)
 * @throws {ConflictError} naming what is not allowed
 */
export function checkPostUpdate(postId: string, status: PostStatus, published: boolean, change: { editsText: boolean; status?: EditorialStatus }): void {
  const to = change.status;
  if (change.editsText && status !== 'DRAFT' && !(to === 'DRAFT' && status === 'PUBLISH_FAILED')) {
    throw new ConflictError(`Post ${postId} is ${status}: only drafts can be edited`);
  }
  if (!to || to === status) return;
  if (!ALLOWED_FROM[to].includes(status) || (to === 'DRAFT' && published)) {
    throw new ConflictError(`Post ${postId} cannot go from ${status}${published ? ' (published)' : ''} to ${to}`);
  }
}
