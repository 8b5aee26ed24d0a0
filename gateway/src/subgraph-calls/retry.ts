import { ExponentialBackoff, handleWhen, retry } from 'cockatiel';
import type { RetryPolicy } from 'cockatiel';
import type { Logger } from '../../../lib/logger';
import { describeFailure, isSubgraphFailure } from './errors';

/** First backoff delay (ms) before a retry; later ones grow exponentially with jitter. */
const INITIAL_DELAY_MS = 100;
/** Upper bound (ms) of one backoff delay, so retries stay well inside a client's patience. */
const MAX_DELAY_MS = 2_000;

/** Options of {@link createQueryRetry}. */
export interface QueryRetryOptions {
  subgraph: string;
  /** Extra attempts after the first (0 disables retries). */
  retries: number;
  logger: Logger;
}

/**
 * Creates the retry policy for subgraph *queries* (never apply it to mutations): it retries
 * timeouts, 5xx and transport errors only, up to `retries` extra attempts, waiting between
 * attempts with cockatiel's exponential backoff and decorrelated jitter (100 ms first, at most
 * 2000 ms; see https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/).
 * GraphQL errors in a 2xx response, 4xx answers and an open breaker are not retried.
 * Each retry is logged at debug.
 */
export function createQueryRetry(options: QueryRetryOptions): RetryPolicy {
  const { subgraph, logger } = options;
  const policy = retry(handleWhen(isSubgraphFailure), {
    maxAttempts: options.retries,
    backoff: new ExponentialBackoff({ initialDelay: INITIAL_DELAY_MS, maxDelay: MAX_DELAY_MS }),
  });
  policy.onRetry((event) => {
    const cause = 'error' in event ? describeFailure(event.error) : 'unexpected result';
    logger.debug({ subgraph, attempt: event.attempt, delayMs: Math.round(event.delay), cause }, 'retrying subgraph query');
  });
  return policy;
}
