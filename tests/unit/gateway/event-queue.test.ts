import { EventQueue, SlowSubscriberError } from '../../../gateway/src/subscriptions/event-queue';

describe('EventQueue', () => {
  it('hands items over in order, then ends when closed and drained', async () => {
    const queue = new EventQueue<number>(3);
    queue.push(1);
    queue.push(2);
    queue.close();
    queue.push(3);
    expect(await queue.next()).toEqual({ value: 1, done: false });
    expect(await queue.next()).toEqual({ value: 2, done: false });
    expect((await queue.next()).done).toBe(true);
  });

  it('fails a subscriber that falls behind, saying how many events it lost', async () => {
    const queue = new EventQueue<number>(2);
    for (const n of [1, 2, 3]) queue.push(n);
    const error = await queue.next().catch((err: unknown) => err);
    expect(error).toBeInstanceOf(SlowSubscriberError);
    expect((error as SlowSubscriberError).dropped).toBe(3);
  });
});
