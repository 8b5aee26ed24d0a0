import type { Logger } from '../../../../lib/logger';
import { SIMULATED_LIFETIME_HOURS, simulatedOutcome, simulatedTotalsAt } from '../domain/simulated-threads';
import type { Publisher } from './publisher';

/** Settings of {@link createSimulatedThreads}. */
export interface SimulatedThreadsOptions {
  /** `SIMULATED_HOURS_PER_SECOND`: simulated hours that pass in one real second (1: a post's 6 hours in 6 s). */
  hoursPerSecond: number;
  logger: Pick<Logger, 'info'>;
}

/**
 * The simulated Threads built into the platform (the seed's fake-threads, seed-reference §2.6,
 * §2.7): publishing always succeeds, at once, with an external id derived from the post id (so a
 * repeat gives the same) and a URL under the reserved `threads.example` domain (RFC 2606: it
 * never resolves to a real site). Engagement follows the seed's model (`domain/simulated-threads.ts`)
 * over {@link SIMULATED_LIFETIME_HOURS} simulated hours, reported once a simulated hour; time is
 * compressed by `hoursPerSecond`.
 */
export function createSimulatedThreads(options: SimulatedThreadsOptions): Publisher {
  const msPerSimulatedHour = 1000 / options.hoursPerSecond;
  const hoursSince = (publishedAt: Date, now: Date) => Math.max(0, now.getTime() - publishedAt.getTime()) / msPerSimulatedHour;
  return {
    name: 'simulated',
    async publish(request) {
      const externalId = `sim-${request.postId.replace(/-/g, '').slice(0, 20)}`;
      const outcome = simulatedOutcome(request.postId, request.text);
      options.logger.info({ postId: request.postId, externalId, ...outcome }, 'simulated Threads published a post');
      return {
        externalId,
        url: `https://threads.example/@${encodeURIComponent(request.personaName)}/post/${externalId}`,
        publishedAt: new Date(),
        costPerFollowUsd: outcome.costPerFollowUsd,
      };
    },
    async engagement(post, now) {
      return simulatedTotalsAt(simulatedOutcome(post.id, post.text), hoursSince(post.publishedAt, now));
    },
    nextReportAt(publishedAt, now) {
      const hours = hoursSince(publishedAt, now);
      if (hours >= SIMULATED_LIFETIME_HOURS) return null;
      const next = Math.min(SIMULATED_LIFETIME_HOURS, Math.floor(hours) + 1);
      return new Date(publishedAt.getTime() + next * msPerSimulatedHour);
    },
  };
}
