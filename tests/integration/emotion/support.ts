import { randomUUID } from 'node:crypto';
import type { JetStreamClient } from '@nats-io/jetstream';
import { eventTypes } from '../../../lib/events';
import type { PostCreatedData } from '../../../lib/events';
import { createCloudEvent, publishEvent } from '../../../lib/nats';
import { asGateway } from '../../support/auth';
import { TEST_NATS } from '../../support/nats';

const { subjects } = TEST_NATS;

/** Response of a GraphQL request made over HTTP. */
export interface GraphQLResponse<T> {
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

/** POSTs a GraphQL operation to the emotion subgraph's URL, as the gateway would. */
export async function graphql<T>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await asGateway('emotion')) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse<T>;
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
