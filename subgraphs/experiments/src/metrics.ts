import { Counter, Histogram } from 'prom-client';
import type { Registry } from 'prom-client';
import type { Logger } from '../../../lib/logger';
import { registerCollectedGauges } from '../../../lib/metrics';
import { findActiveVariantCounts } from './db/repositories/variants';
import type { ActiveVariantCounts } from './db/repositories/variants';
import type { ExperimentsDb } from './db/repositories/experiments';

/** Metrics of the experiments subgraph (GraphQL side). */
export interface ExperimentsMetrics {
  /** `experiments_created_total`: experiments stored by `createExperiment`. */
  created: Counter;
  /** `experiments_status_changes_total{status}`: transitions, by the new status. */
  statusChanges: Counter<'status'>;
  /** `experiments_variants_paused_total{reason}`: variants paused (reason `early_stop`) after `recordVariantPerformance`. */
  variantsPaused: Counter<'reason'>;
}

/** Metrics of the experiments worker (assignment service and outcomes consumer). */
export interface ExperimentsWorkerMetrics {
  /** `experiments_assignments_total{outcome}`: assign-variant requests by outcome (assigned, existing, no_experiment, invalid, error). */
  assignments: Counter<'outcome'>;
  /** `experiments_assignment_duration_seconds`: time to answer an assign-variant request. */
  assignmentDuration: Histogram;
  /** `experiments_outcome_events_total{outcome}`: engagement events by outcome (applied, unchanged, duplicate, unassigned, completed). */
  outcomeEvents: Counter<'outcome'>;
  /** `experiments_outcomes_applied_total`: engagement events that changed a variant's counts. */
  outcomesApplied: Counter;
  /** `experiments_variants_paused_total{reason}`: variants paused (reason `early_stop`) after engagement. */
  variantsPaused: Counter<'reason'>;
}

/** Registers the subgraph's metrics on its registry (one call per registry). */
export function createExperimentsMetrics(registry: Registry): ExperimentsMetrics {
  return {
    created: new Counter({ name: 'experiments_created_total', help: 'Experiments created', registers: [registry] }),
    statusChanges: new Counter({
      name: 'experiments_status_changes_total',
      help: 'Experiment status transitions, by new status',
      labelNames: ['status'],
      registers: [registry],
    }),
    variantsPaused: variantsPaused(registry),
  };
}

/** Registers the worker's metrics on its registry (one call per registry). */
export function createExperimentsWorkerMetrics(registry: Registry): ExperimentsWorkerMetrics {
  return {
    assignments: new Counter({
      name: 'experiments_assignments_total',
      help: 'assign-variant requests, by outcome',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    assignmentDuration: new Histogram({
      name: 'experiments_assignment_duration_seconds',
      help: 'Time to answer an assign-variant request, in seconds',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers: [registry],
    }),
    outcomeEvents: new Counter({
      name: 'experiments_outcome_events_total',
      help: 'Post engagement events consumed, by outcome',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    outcomesApplied: new Counter({
      name: 'experiments_outcomes_applied_total',
      help: 'Post engagement events that changed a variant\'s impressions or successes',
      registers: [registry],
    }),
    variantsPaused: variantsPaused(registry),
  };
}

function variantsPaused(registry: Registry): Counter<'reason'> {
  return new Counter({
    name: 'experiments_variants_paused_total',
    help: 'Variants paused, by reason (early_stop: success rate under half the control\'s)',
    labelNames: ['reason'],
    registers: [registry],
  });
}

/** Variants of ACTIVE experiments with series on the KPI gauges (a bound on the label set). */
export const KPI_MAX_VARIANTS = 100;

const byVariant = (pick: (v: ActiveVariantCounts) => number) => (snapshot: ActiveVariantCounts[]) =>
  snapshot.map((v) => ({ labels: { experiment: v.experiment, variant: v.variant }, value: pick(v) }));

/**
 * Registers the A/B KPIs as gauges read at scrape time: `experiments_variant_impressions` and
 * `experiments_variant_successes` by experiment and variant name, for ACTIVE experiments only
 * (at most {@link KPI_MAX_VARIANTS} variants, most impressions first).
 */
export function registerExperimentsKpis(registry: Registry, db: ExperimentsDb, logger: Pick<Logger, 'warn'>): void {
  registerCollectedGauges(
    registry,
    () => findActiveVariantCounts(db, KPI_MAX_VARIANTS),
    [
      { name: 'experiments_variant_impressions', help: 'Impressions counted for a variant of an ACTIVE experiment', labelNames: ['experiment', 'variant'], series: byVariant((v) => v.impressions) },
      { name: 'experiments_variant_successes', help: 'Successes counted for a variant of an ACTIVE experiment', labelNames: ['experiment', 'variant'], series: byVariant((v) => v.successes) },
    ],
    (err) => logger.warn({ err }, 'could not read the KPI gauges'),
  );
}
