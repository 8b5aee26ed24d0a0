import { eventTypes } from '../../../../lib/events';
import type { PostCreatedData, PostEngagementData, PostPublishedData, Subjects } from '../../../../lib/events';
import { createCloudEvent } from '../../../../lib/nats';
import type { OutgoingEvent } from '../../../../lib/outbox';
import type { PostRow } from '../db/database';
import { postText } from '../domain/post-text';
import type { EngagementTotals } from '../db/repositories/engagement';
import { CONTENT_SOURCE } from './job-queue';

/** `events.content.post.created` for the outbox (CloudEvent id `post-created:<post>`: once per post). */
export function postCreatedEvent(subjects: Subjects, post: Pick<PostRow, 'id' | 'persona_id' | 'job_id' | 'hook' | 'body' | 'variant_id'>): OutgoingEvent {
  const event = createCloudEvent<PostCreatedData>({
    id: `post-created:${post.id}`,
    source: CONTENT_SOURCE,
    type: eventTypes.postCreated,
    subject: post.id,
    data: {
      postId: post.id,
      personaId: post.persona_id,
      jobId: post.job_id,
      text: postText(post.hook, post.body),
      variantId: post.variant_id,
    },
  });
  return { subject: subjects.postCreated, event };
}

/**
 * A post's cumulative engagement totals on `events.content.post.engagement`, for the outbox. The
 * CloudEvent id is derived from the totals, so recording the same totals twice is one event.
 */
export function postEngagementEvent(subjects: Subjects, post: Pick<PostRow, 'id' | 'persona_id'>, totals: EngagementTotals): OutgoingEvent {
  const { impressions, likes, replies, reposts, follows } = totals;
  const event = createCloudEvent<PostEngagementData>({
    id: `engagement:${post.id}:${impressions}:${likes}:${replies}:${reposts}:${follows}`,
    source: CONTENT_SOURCE,
    type: eventTypes.postEngagement,
    subject: post.id,
    data: { postId: post.id, personaId: post.persona_id, impressions, likes, replies, reposts, follows },
  });
  return { subject: subjects.postEngagement, event };
}

/**
 * `events.content.post.published` for the outbox (CloudEvent id `post-published:<post>:<external id>`:
 * once per publication).
 *
 * @throws {Error} when the post has no publication
 */
export function postPublishedEvent(subjects: Subjects, post: PostRow): OutgoingEvent {
  if (!post.publisher || !post.external_id || !post.url || !post.published_at) throw new Error(`Post ${post.id} is not published`);
  const event = createCloudEvent<PostPublishedData>({
    id: `post-published:${post.id}:${post.external_id}`,
    source: CONTENT_SOURCE,
    type: eventTypes.postPublished,
    subject: post.id,
    data: {
      postId: post.id,
      personaId: post.persona_id,
      publisher: post.publisher,
      externalId: post.external_id,
      url: post.url,
      publishedAt: post.published_at.toISOString(),
    },
  });
  return { subject: subjects.postPublished, event };
}
