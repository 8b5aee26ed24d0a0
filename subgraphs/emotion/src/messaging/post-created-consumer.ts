import type { JsMsg } from '@nats-io/jetstream';
import { postCreatedData } from '../../../../lib/events';
import type { PostCreatedData } from '../../../../lib/events';
import { InvalidEventError, PermanentError, parseCloudEvent } from '../../../../lib/nats';
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
    let data: PostCreatedData;
    try {
      data = parseCloudEvent(msg.data, postCreatedData).data;
    } catch (err) {
      if (err instanceof InvalidEventError) throw new PermanentError(err.message, { cause: err });
      throw err;
    }
    await processPostCreated(deps, data);
  };
}
