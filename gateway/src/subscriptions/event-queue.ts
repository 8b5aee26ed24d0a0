/** Raised when a subscriber does not read fast enough and its queue overflows. */
export class SlowSubscriberError extends Error {
  override readonly name = 'SlowSubscriberError';

  /** @param dropped events the subscriber will never get (the queued ones and the overflowing one) */
  constructor(
    message: string,
    readonly dropped: number,
  ) {
    super(message);
  }
}

/**
 * A bounded FIFO between NATS callbacks (push) and one subscriber's async iteration (pull).
 * Overflowing `limit` fails the iteration with {@link SlowSubscriberError} rather than growing
 * without bound or silently dropping events.
 */
export class EventQueue<T> {
  private readonly items: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | null = null;
  private failWaiting: ((error: Error) => void) | null = null;
  private closed = false;
  private error: Error | null = null;

  constructor(private readonly limit: number) {}

  /** Adds an item; ignored once the queue is closed. */
  push(item: T): void {
    if (this.closed) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      this.failWaiting = null;
      resolve({ value: item, done: false });
      return;
    }
    if (this.items.length >= this.limit) {
      this.fail(new SlowSubscriberError(`subscriber fell more than ${this.limit} events behind`, this.items.length + 1));
      return;
    }
    this.items.push(item);
  }

  /** Ends the iteration after the queued items. */
  close(): void {
    this.closed = true;
    if (this.waiting && this.items.length === 0) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ value: undefined, done: true });
    }
  }

  /** Ends the iteration with an error, dropping queued items. */
  fail(error: Error): void {
    this.error = error;
    this.items.length = 0;
    this.closed = true;
    if (this.failWaiting) {
      const reject = this.failWaiting;
      this.waiting = null;
      this.failWaiting = null;
      reject(error);
    }
  }

  /** Next item, `done` when closed and drained; rejects after {@link fail}. */
  next(): Promise<IteratorResult<T>> {
    if (this.error) return Promise.reject(this.error);
    const item = this.items.shift();
    if (item !== undefined) return Promise.resolve({ value: item, done: false });
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.failWaiting = reject;
    });
  }
}
