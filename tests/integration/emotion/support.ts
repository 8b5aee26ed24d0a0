import { randomUUID } from 'node:crypto';
import type { JetStreamClient } from '@nats-io/jetstream';
import { eventTypes } from '../../../lib/events';
import type { PostCreatedData } from '../../../lib/events';
import { createCloudEvent, publishEvent } from '../../../lib/nats';
import { loadEmotionConfig } from '../../../subgraphs/emotion/src/config';
import type { EmotionConfig } from '../../../subgraphs/emotion/src/config';
import type { EmotionDatabase } from '../../../subgraphs/emotion/src/db/database';
import { startEmotionSubgraph } from '../../../subgraphs/emotion/src/server';
import { TEST_NATS, uniqueDurable } from '../../support/nats';
import { startSubgraphTestContext } from '../../support/subgraph-context';
import type { SubgraphTestContext } from '../../support/subgraph-context';

const { subjects } = TEST_NATS;

/** The emotion subgraph in a suite's test context. */
export type EmotionTestContext = SubgraphTestContext<EmotionDatabase, EmotionConfig>;

/** Starts the emotion subgraph in a test context, with the suite's own `post.created` consumer for its worker. */
export function startEmotionContext(): Promise<EmotionTestContext> {
  return startSubgraphTestContext<EmotionDatabase, EmotionConfig>(
    { name: 'emotion', loadConfig: loadEmotionConfig, start: startEmotionSubgraph },
    { EMOTION_CONSUMER_DURABLE: uniqueDurable('emotion-analyzer'), EMOTION_RETRY_DELAYS_MS: '200' },
  );
}

/** Publishes `events.content.post.created` as the content subgraph would; a fresh CloudEvent id each call. */
export async function publishPostCreated(js: JetStreamClient, data: PostCreatedData): Promise<void> {
  const event = createCloudEvent<PostCreatedData>({
    id: `test-post-created-${randomUUID()}`,
    source: '/subgraphs/content',
    type: eventTypes.postCreated,
    subject: data.postId,
    data,
  });
  await publishEvent(js, subjects.postCreated, event);
}
