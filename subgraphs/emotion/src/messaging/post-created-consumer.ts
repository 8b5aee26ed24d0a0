import type { JsMsg } from '@nats-io/jetstream';
import { postCreatedData } from '../../../../lib/events';
import { parseQueuedEvent } from '../../../../lib/nats';
import { processPostCreated } from '../operations/process-post-created';
import type { PostCreatedDeps } from '../operations/process-post-created';

/**
 * Returns the JetStream message handler of `events.content.post.created`: parses the CloudEvent
 * and runs {@link processPostCreated}.
 *
 * @throws {PermanentError} when the message is not a valid post.created CloudEvent (not retried)
 * @throws on a database or NATS failure of {@link processPostCreated} (the message is retried)
 */
export function createPostCreatedHandler(deps: PostCreatedDeps): (msg: JsMsg) => Promise<void> {
  return async (msg) => {
    await processPostCreated(deps, parseQueuedEvent(msg.data, postCreatedData).data);
  };
}
