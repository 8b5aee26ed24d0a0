import type { JetStreamClient } from '@nats-io/jetstream';
import { eventTypes } from '../../../../lib/events';
import type { PostCreatedData, PostEngagementData, PostPublishedData, Subjects } from '../../../../lib/events';
import { createCloudEvent, publishEvent } from '../../../../lib/nats';
import type { PostRow } from '../db/database';
import { postText } from '../domain/post-text';
import type { EngagementTotals } from '../db/repositories/engagement';
import { CONTENT_SOURCE } from './job-queue';

/** Publishes `events.content.post.created` (CloudEvent id `post-created:<post>`: once per post). */
export async function publishPostCreated(js: JetStreamClient, subjects: Subjects, post: PostRow): Promise<void> {
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
  await publishEvent(js, subjects.postCreated, event);
}

/**
 * Publishes a post's cumulative engagement totals on `events.content.post.engagement`. The
 * CloudEvent id is derived from the totals, so recording the same totals twice is one event.
 */
export async function publishPostEngagement(
  js: JetStreamClient,
  subjects: Subjects,
  post: Pick<PostRow, 'id' | 'persona_id'>,
  totals: EngagementTotals,
): Promise<void> {
  const { impressions, likes, replies, reposts, follows } = totals;
  const event = createCloudEvent<PostEngagementData>({
    id: `engagement:${post.id}:${impressions}:${likes}:${replies}:${reposts}:${follows}`,
    source: CONTENT_SOURCE,
    type: eventTypes.postEngagement,
    subject: post.id,
    data: { postId: post.id, personaId: post.persona_id, impressions, likes, replies, reposts, follows },
  });
  await publishEvent(js, subjects.postEngagement, event);
}

/**
 * Publishes `events.content.post.published` (CloudEvent id `post-published:<post>:<external id>`:
 * once per publication).
 */
export async function publishPostPublished(js: JetStreamClient, subjects: Subjects, post: PostRow): Promise<void> {
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
  await publishEvent(js, subjects.postPublished, event);
}
