import type { EngagementTotals } from '../db/repositories/engagement';

/** What a publisher publishes: one post, in its persona's account. */
export interface PublishRequest {
  postId: string;
  /** The persona's handle (`ai-jesus`): picks the account. */
  personaName: string;
  /** Hook, blank line, body. */
  text: string;
  /** Container made by an earlier attempt (Threads), to publish instead of making another. */
  containerId: string | null;
  /** Saves a newly made container before it is published (Threads). */
  onContainer(containerId: string): Promise<void>;
}

/** Where a published post lives. */
export interface Publication {
  /** The post's id at the publisher (Threads media id). */
  externalId: string;
  url: string;
  publishedAt: Date;
  /**
   * What a follower gained costs, USD, as the publisher estimates it: the simulated Threads gives
   * the seed's fake-threads figure (`round(0.015 × max(0.5, 0.06 / engagement rate), 3)`); the
   * Threads API says nothing (absent).
   */
  costPerFollowUsd?: number;
}

/** A published post, as the publisher is asked about its engagement. */
export interface PublishedPost {
  id: string;
  personaName: string;
  text: string;
  externalId: string;
  publishedAt: Date;
}

/**
 * Publishes posts and reports their engagement (issue 9): the built-in simulated Threads
 * (`simulated-threads.ts`, the default) or the Threads API (`threads-publisher.ts`).
 */
export interface Publisher {
  /** `simulated` or `threads`: stored on each post it publishes (`posts.publisher`). */
  readonly name: 'simulated' | 'threads';
  /**
   * Publishes a post.
   *
   * @throws {PublishError} with `retryable` telling whether a later attempt may succeed
   */
  publish(request: PublishRequest): Promise<Publication>;
  /**
   * The post's cumulative totals as of `now`.
   *
   * @throws {PublishError} when the publisher cannot tell (the report is retried later)
   */
  engagement(post: PublishedPost, now: Date): Promise<EngagementTotals>;
  /** When to ask next about a post published at `publishedAt`, after a report at `now`; null when no more reports are due. */
  nextReportAt(publishedAt: Date, now: Date): Date | null;
}

/** A publication or a report that failed; `code` names the cause (`RATE_LIMITED`, `TOKEN_EXPIRED`...). */
export class PublishError extends Error {
  override readonly name = 'PublishError';
  constructor(
    message: string,
    readonly code: string,
    /** True when the same request may succeed later (rate limit, server error, timeout). */
    readonly retryable: boolean,
  ) {
    super(message);
  }
}
