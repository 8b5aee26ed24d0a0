import type { Kysely } from 'kysely';
import type { Subjects } from '../../../../lib/events';
import { NotFoundError } from '../../../../lib/errors';
import type { Outbox } from '../../../../lib/outbox';
import type { ContentDatabase, PostRow } from '../db/database';
import { saveEngagement } from '../db/repositories/engagement';
import type { EngagementTotals } from '../db/repositories/engagement';
import { findPostsByIds } from '../db/repositories/posts';
import { engagementRate } from '../domain/engagement';
import { postEngagementEvent } from '../messaging/post-events';

/**
 * Records a post's cumulative engagement totals (idempotent: the same totals twice leave the same
 * state and publish one event), updates its engagement rate and tells experiments (the
 * `post.engagement` event is written to the outbox with the totals, in one transaction).
 *
 * @returns the post with its new engagement rate
 * @throws {NotFoundError} when the post does not exist
 */
export async function recordEngagement(
  deps: { db: Kysely<ContentDatabase>; outbox: Outbox<ContentDatabase>; subjects: Subjects },
  postId: string,
  totals: EngagementTotals,
): Promise<PostRow> {
  const [post] = await findPostsByIds(deps.db, [postId]);
  if (!post) throw new NotFoundError('Post', postId);
  await deps.outbox.transaction(async (trx, emit) => {
    await saveEngagement(trx, postId, totals, engagementRate(totals));
    emit(postEngagementEvent(deps.subjects, post, totals));
  });
  const [updated] = await findPostsByIds(deps.db, [postId]);
  return updated ?? post;
}
