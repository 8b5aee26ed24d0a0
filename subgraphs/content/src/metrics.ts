import type { Kysely } from 'kysely';
import { Counter, Histogram } from 'prom-client';
import type { Registry } from 'prom-client';
import type { Logger } from '../../../lib/logger';
import { registerCollectedGauges } from '../../../lib/metrics';
import type { ContentDatabase } from './db/database';
import { personaTotals } from './db/repositories/persona-kpis';
import { personaKpis } from './domain/persona-kpis';
import type { PersonaKpis } from './domain/persona-kpis';

/** Metrics of the content worker's generation jobs, registered on its registry. */
export interface ContentWorkerMetrics {
  /** `content_generation_jobs_total{outcome}`: jobs ended by this worker (`completed`, `cancelled`, `failed`, `duplicate`: FAILED with `DUPLICATE_CONTENT`, `blocked`: BLOCKED by the guardrail or the quality gate). */
  jobs: Counter<'outcome'>;
  /** `content_generation_attempt_failures_total`: failed attempts (retried with backoff, or given up). */
  attemptFailures: Counter<never>;
  /** `content_generation_redeliveries_total`: job deliveries after the first. */
  redeliveries: Counter<never>;
  /** `content_generation_job_duration_seconds{outcome}`: time of the attempt that ended the job. */
  jobDuration: Histogram<'outcome'>;
  /** `content_generation_queued_seconds`: time from `generatePost` to the job's first start. */
  queued: Histogram<never>;
  /** `content_generation_tokens_total{persona,model}`: prompt + completion tokens of stored posts. */
  tokens: Counter<'persona' | 'model'>;
  /** `content_generation_cost_usd_total{persona,model}`: generation cost of stored posts, USD. */
  costUsd: Counter<'persona' | 'model'>;
  /** `content_provider_errors_total{provider}`: text provider calls that threw. */
  providerErrors: Counter<'provider'>;
  /** `content_dedup_regenerations_total`: texts rewritten because they duplicated an earlier post of the persona. */
  regenerations: Counter<never>;
  /** `content_vector_index_errors_total{index}`: failed copies of vectors to the external index (retried by the index sweeper). */
  vectorIndexErrors: Counter<'index'>;
  /** `content_publications_total{publisher,outcome}`: publication attempts (`published`, `retried`: a retryable error, `failed`: PUBLISH_FAILED). */
  publications: Counter<'publisher' | 'outcome'>;
  /** `content_publication_cost_per_follow_usd{publisher}`: the publisher's cost per follower gained of each post published, when it gives one (the seed's `cost_per_follow_dollars`). */
  costPerFollow: Histogram<'publisher'>;
  /**
   * `content_engagement_reports_total{publisher,outcome}`: engagement reports asked of the
   * publisher (`recorded`; `failed`: retried after the claim's lease; `skipped`: refused for good,
   * e.g. an expired token, or still failing a day after the report window; next asked at the
   * publisher's next report time, if any).
   */
  engagementReports: Counter<'publisher' | 'outcome'>;
}

const SECONDS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];
/** Buckets of cost per follow, USD: the seed's `cost_per_follow_dollars` histogram's. */
const COST_PER_FOLLOW_USD = [0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2];

/** Creates the content worker's metrics on `registry`. */
export function createContentWorkerMetrics(registry: Registry): ContentWorkerMetrics {
  return {
    jobs: new Counter({ name: 'content_generation_jobs_total', help: 'Generation jobs ended, by outcome (completed, cancelled, failed, duplicate, blocked)', labelNames: ['outcome'], registers: [registry] }),
    attemptFailures: new Counter({ name: 'content_generation_attempt_failures_total', help: 'Failed generation attempts (retried with backoff, or given up)', registers: [registry] }),
    redeliveries: new Counter({ name: 'content_generation_redeliveries_total', help: 'Generation job deliveries after the first', registers: [registry] }),
    jobDuration: new Histogram({ name: 'content_generation_job_duration_seconds', help: 'Duration of the attempt that ended a job, in seconds', labelNames: ['outcome'], buckets: SECONDS, registers: [registry] }),
    queued: new Histogram({ name: 'content_generation_queued_seconds', help: 'Time from generatePost to the first start of the job, in seconds', buckets: SECONDS, registers: [registry] }),
    tokens: new Counter({ name: 'content_generation_tokens_total', help: 'Prompt and completion tokens of stored posts', labelNames: ['persona', 'model'], registers: [registry] }),
    costUsd: new Counter({ name: 'content_generation_cost_usd_total', help: 'Generation cost of stored posts, in USD', labelNames: ['persona', 'model'], registers: [registry] }),
    providerErrors: new Counter({ name: 'content_provider_errors_total', help: 'Text provider calls that threw', labelNames: ['provider'], registers: [registry] }),
    regenerations: new Counter({ name: 'content_dedup_regenerations_total', help: 'Texts rewritten because they duplicated an earlier post of the persona', registers: [registry] }),
    vectorIndexErrors: new Counter({ name: 'content_vector_index_errors_total', help: 'Failed copies of post vectors to the external vector index (retried by the index sweeper)', labelNames: ['index'], registers: [registry] }),
    costPerFollow: new Histogram({
      name: 'content_publication_cost_per_follow_usd',
      help: "Cost per follower gained of each published post, USD, as the publisher estimates it (the simulated Threads: the seed's formula)",
      labelNames: ['publisher'],
      buckets: COST_PER_FOLLOW_USD,
      registers: [registry],
    }),
    publications: new Counter({ name: 'content_publications_total', help: 'Publication attempts, by publisher and outcome (published, retried, failed)', labelNames: ['publisher', 'outcome'], registers: [registry] }),
    engagementReports: new Counter({ name: 'content_engagement_reports_total', help: 'Engagement reports asked of the publisher, by outcome (recorded, failed: retried after the lease, skipped: given up until the next report time)', labelNames: ['publisher', 'outcome'], registers: [registry] }),
  };
}

/** Personas with their own label on the KPI gauges; the others are summed under `other`. */
export const KPI_MAX_PERSONAS = 50;

const byPersona = (pick: (kpis: PersonaKpis) => number | null) => (snapshot: PersonaKpis[]) =>
  snapshot.flatMap((kpis) => {
    const value = pick(kpis);
    return value === null ? [] : [{ labels: { persona: kpis.persona }, value }];
  });

/**
 * Registers the seed's business KPIs (seed-reference §4.3) as gauges read from the content
 * schema at scrape time, by persona name (at most {@link KPI_MAX_PERSONAS} label values):
 * `content_posts`, `content_posts_engagement_ratio` (mean engagement rate, 0..1),
 * `content_cost_per_follow_usd`, `content_cost_per_post_usd`. A persona without rated posts
 * (or follows) has no engagement (cost per follow) series.
 */
export function registerContentKpis(registry: Registry, db: Kysely<ContentDatabase>, logger: Pick<Logger, 'warn'>): void {
  registerCollectedGauges(
    registry,
    async () => personaKpis(await personaTotals(db), KPI_MAX_PERSONAS),
    [
      { name: 'content_posts', help: 'Posts stored, by persona', labelNames: ['persona'], series: byPersona((k) => k.posts) },
      {
        name: 'content_posts_engagement_ratio',
        help: 'Mean engagement rate (likes + replies + reposts) / impressions of posts with impressions, 0..1, by persona',
        labelNames: ['persona'],
        series: byPersona((k) => k.engagementRate),
      },
      { name: 'content_cost_per_follow_usd', help: 'Generation cost per follow gained, USD, by persona', labelNames: ['persona'], series: byPersona((k) => k.costPerFollowUsd) },
      { name: 'content_cost_per_post_usd', help: 'Generation cost per post, USD, by persona', labelNames: ['persona'], series: byPersona((k) => k.costPerPostUsd) },
    ],
    (err) => logger.warn({ err }, 'could not read the KPI gauges'),
  );
}
