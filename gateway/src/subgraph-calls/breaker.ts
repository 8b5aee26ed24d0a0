// Circuit breaking (and the retries of retry.ts) use cockatiel (MIT, no runtime dependencies):
// small, typed, well-maintained policies with a consecutive-failure breaker, a single half-open
// probe, decorrelated-jitter exponential backoff and `wrap` to compose them, instead of
// hand-rolled state machines. Pinned to 3.x: 4.x requires Node 22 and the platform runs Node 20.
import { ConsecutiveBreaker, circuitBreaker, handleWhen } from 'cockatiel';
import type { CircuitBreakerPolicy } from 'cockatiel';
import type { Logger } from '../../../lib/logger';
import { describeFailure, isSubgraphFailure } from './errors';

/** Options of {@link createSubgraphBreaker}. */
export interface SubgraphBreakerOptions {
  subgraph: string;
  /** Consecutive failed requests (see `isSubgraphFailure`) that open the breaker. */
  threshold: number;
  /** How long (ms) the open breaker fails fast before one probe request goes through. */
  halfOpenAfterMs: number;
  logger: Logger;
}

/**
 * Creates the circuit breaker of one subgraph. It counts failed requests (timeouts, 5xx,
 * transport errors; any other outcome resets the count); after `threshold` in a row it opens:
 * calls throw cockatiel's `BrokenCircuitError` without a request. After `halfOpenAfterMs` the
 * next call is a probe (concurrent calls wait for it): success closes the breaker, failure
 * opens it for another `halfOpenAfterMs`. Opening is logged at warn, closing at info.
 */
export function createSubgraphBreaker(options: SubgraphBreakerOptions): CircuitBreakerPolicy {
  const { subgraph, logger } = options;
  const breaker = circuitBreaker(handleWhen(isSubgraphFailure), {
    halfOpenAfter: options.halfOpenAfterMs,
    breaker: new ConsecutiveBreaker(options.threshold),
  });
  breaker.onBreak((reason) => {
    const cause = 'error' in reason ? describeFailure(reason.error) : 'unexpected result';
    logger.warn({ subgraph, cause, halfOpenAfterMs: options.halfOpenAfterMs }, 'subgraph circuit breaker opened');
  });
  breaker.onReset(() => logger.info({ subgraph }, 'subgraph circuit breaker closed'));
  return breaker;
}
