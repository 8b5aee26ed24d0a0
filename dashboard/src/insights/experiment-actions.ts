import type { ExperimentStatus } from '../gql/graphql';

/** A status change the Experiments page offers (`startExperiment`, `pauseExperiment`, `completeExperiment`). */
export type ExperimentAction = 'start' | 'pause' | 'complete';

const ALLOWED: Readonly<Record<ExperimentStatus, readonly ExperimentAction[]>> = {
  DRAFT: ['start'],
  ACTIVE: ['pause', 'complete'],
  PAUSED: ['start', 'complete'],
  COMPLETED: [],
};

/**
 * The status changes an experiment's status allows (the API's lifecycle DRAFT -> ACTIVE <->
 * PAUSED -> COMPLETED, COMPLETED final), in the order the buttons are shown.
 */
export function allowedActions(status: ExperimentStatus): readonly ExperimentAction[] {
  return ALLOWED[status];
}
