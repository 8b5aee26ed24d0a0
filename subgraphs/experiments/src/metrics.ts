import { Counter, Histogram } from 'prom-client';
import type { Registry } from 'prom-client';

/** Metrics of the experiments subgraph (GraphQL side). */
export interface ExperimentsMetrics {
  /** `experiments_created_total`: experiments stored by `createExperiment`. */
  created: Counter;
  /** `experiments_status_changes_total{status}`: transitions, by the new status. */
  statusChanges: Counter<'status'>;
  /** `experiments_event_publish_failures_total`: `experiment.updated` events that could not be published. */
  eventPublishFailures: Counter;
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
  /** `experiments_event_publish_failures_total`: `experiment.updated` events that could not be published. */
  eventPublishFailures: Counter;
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
    eventPublishFailures: publishFailures(registry),
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
    eventPublishFailures: publishFailures(registry),
  };
}

function publishFailures(registry: Registry): Counter {
  return new Counter({
    name: 'experiments_event_publish_failures_total',
    help: 'experiment.updated events that could not be published to NATS',
    registers: [registry],
  });
}
