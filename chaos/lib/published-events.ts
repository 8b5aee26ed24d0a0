import { jetstream } from '@nats-io/jetstream';
import { connectNats } from '../../lib/nats';

/**
 * The `subject` (CloudEvent `subject`: the entity id) of every message on `subject` in the
 * JetStream stream `stream`, read with an ordered consumer from the first message: which events
 * were published at all, to tell an event never published (lost at the producer) from one
 * published but not delivered.
 *
 * @throws when NATS does not answer or the stream does not exist
 */
export async function publishedEventSubjects(natsUrl: string, stream: string, subject: string): Promise<Set<string>> {
  const nc = await connectNats(natsUrl, 'chaos-checks');
  try {
    const consumer = await jetstream(nc).consumers.get(stream, { filter_subjects: subject });
    const keys = new Set<string>();
    if ((await consumer.info()).num_pending === 0) return keys;
    const messages = await consumer.consume();
    for await (const msg of messages) {
      const event = msg.json<{ subject?: string }>();
      if (event.subject) keys.add(event.subject);
      if (msg.info.pending === 0) break;
    }
    return keys;
  } finally {
    await nc.close();
  }
}
