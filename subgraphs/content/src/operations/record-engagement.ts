import type { JetStreamClient } from '@nats-io/jetstream';
import type { Kysely } from 'kysely';
import type { Subjects } from '../../../../lib/events';
import { NotFoundError } from '../../../../lib/errors';
import type { ContentDatabase, PostRow } from '../db/database';
import { saveEngagement } from '../db/repositories/engagement';
import type { EngagementTotals } from '../db/repositories/engagement';
import { findPostsByIds } from '../db/repositories/posts';
import { engagementRate } from '../domain/engagement';
import { publishPostEngagement } from '../messaging/post-events';

/**
 * Records a post's cumulative engagement totals (idempotent: the same totals twice leave the same
 * state and publish one event), updates its engagement rate and tells experiments.
 *
 * @returns the post with its new engagement rate
 * @throws {NotFoundError} when the post does not exist
 */
export async function recordEngagement(
  db: Kysely<ContentDatabase>,
  js: JetStreamClient,
  subjects: Subjects,
  postId: string,
  totals: EngagementTotals,
): Promise<PostRow> {
  const [post] = await findPostsByIds(db, [postId]);
  if (!post) throw new NotFoundError('Post', postId);
  await db.transaction().execute((trx) => saveEngagement(trx, postId, totals, engagementRate(totals)));
  await publishPostEngagement(js, subjects, post, totals);
  const [updated] = await findPostsByIds(db, [postId]);
  return updated ?? post;
}
