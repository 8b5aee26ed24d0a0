import { Counter, Histogram } from 'prom-client';
import type { Registry } from 'prom-client';

/** Metrics of the content worker's generation jobs, registered on its registry. */
export interface ContentWorkerMetrics {
  /** `content_generation_jobs_total{outcome}`: jobs ended by this worker (`completed`, `cancelled`, `failed`). */
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
}

const SECONDS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

/** Creates the content worker's metrics on `registry`. */
export function createContentWorkerMetrics(registry: Registry): ContentWorkerMetrics {
  return {
    jobs: new Counter({ name: 'content_generation_jobs_total', help: 'Generation jobs ended, by outcome (completed, cancelled, failed)', labelNames: ['outcome'], registers: [registry] }),
    attemptFailures: new Counter({ name: 'content_generation_attempt_failures_total', help: 'Failed generation attempts (retried with backoff, or given up)', registers: [registry] }),
    redeliveries: new Counter({ name: 'content_generation_redeliveries_total', help: 'Generation job deliveries after the first', registers: [registry] }),
    jobDuration: new Histogram({ name: 'content_generation_job_duration_seconds', help: 'Duration of the attempt that ended a job, in seconds', labelNames: ['outcome'], buckets: SECONDS, registers: [registry] }),
    queued: new Histogram({ name: 'content_generation_queued_seconds', help: 'Time from generatePost to the first start of the job, in seconds', buckets: SECONDS, registers: [registry] }),
    tokens: new Counter({ name: 'content_generation_tokens_total', help: 'Prompt and completion tokens of stored posts', labelNames: ['persona', 'model'], registers: [registry] }),
    costUsd: new Counter({ name: 'content_generation_cost_usd_total', help: 'Generation cost of stored posts, in USD', labelNames: ['persona', 'model'], registers: [registry] }),
    providerErrors: new Counter({ name: 'content_provider_errors_total', help: 'Text provider calls that threw', labelNames: ['provider'], registers: [registry] }),
  };
}
