/**
 * Shares in-flight work among concurrent callers with the same key: the first caller runs the
 * task, later callers with the same key get the same promise until it settles (then the key is
 * forgotten, so nothing is cached beyond the request's lifetime).
 *
 * @example
 * const inFlight = new InFlight<string>();
 * const [a, b] = await Promise.all([inFlight.run('k', load), inFlight.run('k', load)]); // one load()
 */
export class InFlight<T> {
  private readonly pending = new Map<string, Promise<T>>();

  /**
   * Runs `task`, or joins the running task of the same `key`.
   *
   * @param key identity of the work; `null` never shares
   * @returns the task's result; rejects with the task's error (for every sharer)
   */
  run(key: string | null, task: () => Promise<T>): Promise<T> {
    if (key === null) return task();
    const running = this.pending.get(key);
    if (running) return running;
    const promise = task().finally(() => this.pending.delete(key));
    this.pending.set(key, promise);
    return promise;
  }

  /** Number of keys currently in flight. */
  get size(): number {
    return this.pending.size;
  }
}

/**
 * The sharing key of a subgraph request: who it is made for and its exact body (query text,
 * variables, operation name and extensions as serialized by `RemoteGraphQLDataSource`).
 *
 * @param who the caller's `dedupKey(context)`; `null` disables sharing
 * @returns `null` when `who` is `null`
 */
export function subgraphRequestKey(who: string | null, body: string): string | null {
  return who === null ? null : `${who}\u0000${body}`;
}
