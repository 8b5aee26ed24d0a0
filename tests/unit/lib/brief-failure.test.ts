import type { JsMsg } from '@nats-io/jetstream';
import { InvalidEventError, briefFailure } from '../../../lib/nats';

const message = (data: string, deliveryCount = 3) =>
  ({ subject: 'events.content.post.created', seq: 42, data: Buffer.from(data), info: { deliveryCount } }) as unknown as Pick<JsMsg, 'subject' | 'seq' | 'data' | 'info'>;

describe('briefFailure', () => {
  it('keeps subject, sequence, delivery, CloudEvents type and the first line of the error', () => {
    const error = new InvalidEventError(`invalid data: postId must be a UUID\n${'  at a very long zod issue list\n'.repeat(200)}`);
    const brief = briefFailure(message(JSON.stringify({ specversion: '1.0', type: 'com.threads-agent.content.post.created', data: {} })), error);
    expect(brief).toEqual({
      subject: 'events.content.post.created',
      seq: 42,
      attempt: 3,
      type: 'com.threads-agent.content.post.created',
      reason: 'InvalidEventError: invalid data: postId must be a UUID',
    });
  });

  it('caps the reason at 200 characters and leaves out the type of a non-JSON payload', () => {
    const brief = briefFailure(message('not json', 1), new Error('x'.repeat(5000)));
    expect(brief.type).toBeUndefined();
    expect(String(brief.reason)).toHaveLength(200);
    expect(JSON.stringify(brief).length).toBeLessThan(400);
  });
});
