import type { Kysely } from 'kysely';
import type { Subjects } from '../../../../lib/events';
import type { Logger } from '../../../../lib/logger';
import { PermanentError } from '../../../../lib/nats';
import type { Outbox } from '../../../../lib/outbox';
import type { ContentDatabase } from '../db/database';
import { findPersonasByIds } from '../db/repositories/personas';
import { findPostsByIds, updatePostIfStatus } from '../db/repositories/posts';
import { savePublishContainer, withPublicationLock } from '../db/repositories/publications';
import { postText } from '../domain/post-text';
import { postPublishedEvent } from '../messaging/post-events';
import type { ContentWorkerMetrics } from '../metrics';
import { PublishError } from '../providers/publisher';
import type { Publisher } from '../providers/publisher';

/** What the publish handler needs. */
export interface PublishDeps {
  db: Kysely<ContentDatabase>;
  /** The subgraph's transactional outbox. */
  outbox: Outbox<ContentDatabase>;
  /** This deployment's subjects (`NATS_PREFIX`). */
  subjects: Subjects;
  publisher: Publisher;
  logger: Pick<Logger, 'info' | 'warn'>;
  metrics: Pick<ContentWorkerMetrics, 'publications' | 'costPerFollow'>;
}

/**
 * How long a delivery waits for another one's publication of the same post, ms: 60 s, more than a
 * Threads publication's three calls at their 10 s timeout (`THREADS_TIMEOUT_MS`) each.
 */
const LOCK_WAIT_MS = 60_000;

/**
 * Handles one `jobs.content.publish` message: publishes a PUBLISHING post through the publisher,
 * then, in one compare-and-set on PUBLISHING, stores where it lives (`publisher`, `external_id`,
 * `url`, `published_at`), PUBLISHED, when its first engagement report is due, and
 * `post.published` (outbox). Idempotent by post: the whole publication runs under the post's
 * publication lock (`withPublicationLock`), and the post is read once the lock is held, so two
 * deliveries of the post's publication (a redelivery, a second message) never publish it side by
 * side: the one that finds the lock taken waits for it (up to {@link LOCK_WAIT_MS}; its
 * message's heartbeats go on), then finds the post PUBLISHED and leaves it alone, or still
 * PUBLISHING after the holder's retryable failure and publishes it itself (the saved container).
 * It is never acknowledged while the holder works: when it is the same message redelivered (the
 * holder's heartbeats were lost with NATS), the holder may still fail and ask for a retry that an
 * early acknowledgement would have removed. A redelivery after a crash publishes the saved Threads container instead of a new one
 * (see `threads-publisher.ts`).
 *
 * @throws {PermanentError} when the post or its persona does not exist, or the publisher's error is final (the post then ends PUBLISH_FAILED)
 * @throws the publisher's retryable {PublishError}, a database error, or an `Error` when another
 * delivery held the post's publication lock all along, for a retry with backoff
 */
export async function publishPostJob(deps: PublishDeps, postId: string): Promise<void> {
  const outcome = await withPublicationLock(deps.db, postId, LOCK_WAIT_MS, () => publishLocked(deps, postId));
  if (!outcome.locked) throw new Error(`Post ${postId} has been published by another delivery for ${LOCK_WAIT_MS / 1000} s; retrying after it`);
}

/** {@link publishPostJob} once the post's publication lock is held. */
async function publishLocked(deps: PublishDeps, postId: string): Promise<void> {
  const [post] = await findPostsByIds(deps.db, [postId]);
  if (!post) throw new PermanentError(`Post ${postId} does not exist`);
  if (post.status !== 'PUBLISHING') return;
  const [persona] = await findPersonasByIds(deps.db, [post.persona_id]);
  if (!persona) throw new PermanentError(`Persona ${post.persona_id} of post ${postId} does not exist`);
  let publication;
  try {
    publication = await deps.publisher.publish({
      postId,
      personaName: persona.name,
      text: postText(post.hook, post.body),
      containerId: post.publish_container_id,
      onContainer: (containerId) => savePublishContainer(deps.db, postId, containerId),
    });
  } catch (err) {
    if (err instanceof PublishError && !err.retryable) throw new PermanentError(`${err.code}: ${err.message}`);
    deps.metrics.publications.inc({ publisher: deps.publisher.name, outcome: 'retried' });
    throw err;
  }
  const published = await deps.outbox.transaction(async (trx, emit) => {
    const row = await updatePostIfStatus(trx, postId, ['PUBLISHING'], {
      status: 'PUBLISHED',
      publisher: deps.publisher.name,
      external_id: publication.externalId,
      url: publication.url,
      published_at: publication.publishedAt,
      publish_error: null,
      metrics_next_at: deps.publisher.nextReportAt(publication.publishedAt, publication.publishedAt),
    });
    if (row) emit(postPublishedEvent(deps.subjects, row));
    return row;
  });
  if (!published) return;
  deps.metrics.publications.inc({ publisher: deps.publisher.name, outcome: 'published' });
  if (publication.costPerFollowUsd !== undefined) deps.metrics.costPerFollow.observe({ publisher: deps.publisher.name }, publication.costPerFollowUsd);
  deps.logger.info({ postId, publisher: deps.publisher.name, externalId: publication.externalId }, 'post published');
}

/**
 * Ends a publication that cannot succeed (a final publisher error, or the last delivery failed):
 * the post becomes PUBLISH_FAILED with the reason in `publish_error`, `<code>: <message>` (the
 * final errors arrive as `PermanentError`s already so written; `publishPost` retries it).
 * A post no longer PUBLISHING is left alone.
 */
export async function failPublication(deps: Pick<PublishDeps, 'db' | 'publisher' | 'logger' | 'metrics'>, postId: string, error: Error): Promise<void> {
  const reason = error instanceof PublishError ? `${error.code}: ${error.message}` : error.message;
  const failed = await updatePostIfStatus(deps.db, postId, ['PUBLISHING'], { status: 'PUBLISH_FAILED', publish_error: reason.slice(0, 2000) });
  if (!failed) return;
  deps.metrics.publications.inc({ publisher: deps.publisher.name, outcome: 'failed' });
  deps.logger.warn({ postId, publisher: deps.publisher.name, reason: failed.publish_error }, 'publication failed');
}
