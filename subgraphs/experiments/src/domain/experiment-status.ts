/** Lifecycle states of an experiment (GraphQL `ExperimentStatus`). */
export const EXPERIMENT_STATUSES = ['DRAFT', 'ACTIVE', 'PAUSED', 'COMPLETED'] as const;
/** One of {@link EXPERIMENT_STATUSES}. */
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number];

/**
 * Allocation algorithms (GraphQL `ExperimentAlgorithm`): `THOMPSON_SAMPLING` adapts the traffic
 * to the evidence (see `thompsonSelect`); `FIXED_ALLOCATION` keeps the split given at creation
 * (see `pickByAllocation`), the seed experiment manager's classic A/B test.
 */
export const EXPERIMENT_ALGORITHMS = ['THOMPSON_SAMPLING', 'FIXED_ALLOCATION'] as const;
/** One of {@link EXPERIMENT_ALGORITHMS}. */
export type ExperimentAlgorithm = (typeof EXPERIMENT_ALGORITHMS)[number];

/**
 * States of a variant (GraphQL `VariantStatus`): an ACTIVE variant receives new posts, a PAUSED
 * one (stopped early, see `variantsToStopEarly`) does not, though engagement of its posts still
 * counts. The control is never paused.
 */
export const VARIANT_STATUSES = ['ACTIVE', 'PAUSED'] as const;
/** One of {@link VARIANT_STATUSES}. */
export type VariantStatus = (typeof VARIANT_STATUSES)[number];

/** What a status-changing mutation asks for. */
export type StatusAction = 'start' | 'pause' | 'complete';

const TRANSITIONS: Record<StatusAction, { from: readonly ExperimentStatus[]; to: ExperimentStatus }> = {
  start: { from: ['DRAFT', 'PAUSED'], to: 'ACTIVE' },
  pause: { from: ['ACTIVE'], to: 'PAUSED' },
  complete: { from: ['ACTIVE', 'PAUSED'], to: 'COMPLETED' },
};

/**
 * The status an action leads to, or null when the action is not allowed from `current`.
 * Allowed: DRAFT -> ACTIVE (start), ACTIVE -> PAUSED (pause), PAUSED -> ACTIVE (start),
 * ACTIVE | PAUSED -> COMPLETED (complete). COMPLETED is final.
 */
export function nextStatus(current: ExperimentStatus, action: StatusAction): ExperimentStatus | null {
  const transition = TRANSITIONS[action];
  return transition.from.includes(current) ? transition.to : null;
}

/** Statuses from which `action` is allowed (for error messages). */
export function allowedFrom(action: StatusAction): readonly ExperimentStatus[] {
  return TRANSITIONS[action].from;
}

/**
 * Whether an experiment in this status still counts engagement: ACTIVE and PAUSED do (posts
 * assigned earlier keep collecting engagement while paused); DRAFT has no assignments and a
 * COMPLETED experiment's counts are final (the numbers its winner was chosen on).
 */
export function countsOutcomes(status: ExperimentStatus): boolean {
  return status === 'ACTIVE' || status === 'PAUSED';
}
