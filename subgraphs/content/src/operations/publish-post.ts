import type { JetStreamClient } from '@nats-io/jetstream';
import type { Kysely } from 'kysely';
import type { Subjects } from '../../../../lib/events';
import { NotFoundError } from '../../../../lib/errors';
import type { Logger } from '../../../../lib/logger';
import type { ContentDatabase, PostRow } from '../db/database';
import { findPostsByIds, updatePostIfStatus } from '../db/repositories/posts';
import { markPublicationQueued } from '../db/repositories/publications';
import { publishStep } from '../domain/post-lifecycle';
import { enqueuePublication } from '../messaging/publish-queue';

/** What publishing needs from the caller. */
export interface PublicationQueueDeps {
  db: Kysely<ContentDatabase>;
  js: JetStreamClient;
  /** This deployment's subjects (`NATS_PREFIX`). */
  subjects: Subjects;
  logger: Pick<Logger, 'warn'>;
}

/**
 * Puts a PUBLISHING post's publication on JetStream and records it as queued. When NATS does not
 * acknowledge, the failure is logged, not thrown: the post stays PUBLISHING with no queued time,
 * and the worker's sweeper queues it later (nothing is lost, the caller's write stands).
 */
export async function queuePublication(deps: PublicationQueueDeps, post: Pick<PostRow, 'id' | 'publish_requested_at'>): Promise<void> {
  const requestedAt = post.publish_requested_at;
  if (!requestedAt) throw new Error(`Post ${post.id} has no publication requested`);
  try {
    await enqueuePublication(deps.js, deps.subjects, post.id, requestedAt);
    await markPublicationQueued(deps.db, post.id, requestedAt);
  } catch (err) {
    deps.logger.warn({ err, postId: post.id }, 'publication not queued; the sweeper will queue it');
  }
}

/**
 * `publishPost`: a DRAFT (or PUBLISH_FAILED, to retry) post becomes PUBLISHING and its
 * publication is queued for the worker's publisher; a PUBLISHING or PUBLISHED post is returned
 * unchanged, so calling it twice publishes once (and the worker's handler is idempotent by post).
 *
 * @returns the post: PUBLISHING as this call left it (the worker may be further along), or as it was
 * @throws {NotFoundError} when the post does not exist
 * @throws {ConflictError} when it is ARCHIVED
 */
export async function publishPost(deps: PublicationQueueDeps, postId: string): Promise<PostRow> {
  for (;;) {
    const [post] = await findPostsByIds(deps.db, [postId]);
    if (!post) throw new NotFoundError('Post', postId);
    if (publishStep(post.id, post.status) === 'unchanged') return post;
    const requested = await updatePostIfStatus(deps.db, postId, [post.status], {
      status: 'PUBLISHING',
      publish_error: null,
      publish_requested_at: new Date(),
      publish_queued_at: null,
    });
    // Another caller changed the status meanwhile: decide again on what it is now.
    if (!requested) continue;
    await queuePublication(deps, requested);
    return requested;
  }
}
