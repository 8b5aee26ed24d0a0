import { useState } from 'react';

/**
 * When the component was first rendered, as an ISO 8601 time: the `since` of its stored-event
 * subscriptions (`postCreated`, `achievementCreated`, `postPublished`, `postEngagementUpdated`),
 * so that an event stored after the page's queries were sent is delivered even if it came before
 * the subscription was open, and the ones stored while the connection was down are replayed when
 * graphql-ws subscribes again (clients drop repeats by id).
 */
export function useOpenedAt(): string {
  const [openedAt] = useState(() => new Date().toISOString());
  return openedAt;
}
