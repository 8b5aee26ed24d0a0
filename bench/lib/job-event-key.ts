/**
 * The identity of one job event, the same whether it is read off NATS (the publisher's
 * CloudEvent) or off a `generationJobUpdated` result (what a subscriber got): its type, the
 * status for status events, the length of the text so far for token deltas (the text only
 * grows, so each delta of one writing has its own). `occurrence` numbers repeats (a rewrite
 * writes the same lengths again): the n-th event with a key on one side is the n-th on the other.
 */
export function jobEventKey(type: string, status: string | null | undefined, textLength: number | null, occurrence: number): string {
  const base = type === 'TOKEN_DELTA' ? `TOKEN_DELTA:${textLength ?? 0}` : type === 'STATUS_CHANGED' ? `STATUS_CHANGED:${status ?? ''}` : type;
  return occurrence === 0 ? base : `${base}#${occurrence}`;
}

/** Numbers repeated keys in arrival order (see {@link jobEventKey}'s `occurrence`). */
export class OccurrenceCounter {
  private readonly seen = new Map<string, number>();

  /** How many times `base` came before this one (0 the first time). */
  next(base: string): number {
    const n = this.seen.get(base) ?? 0;
    this.seen.set(base, n + 1);
    return n;
  }
}
