import type { NatsConnection } from '@nats-io/nats-core';
import { assignVariantRequest } from '../../../../lib/events';
import type { Logger } from '../../../../lib/logger';
import { ServiceError, startJsonService } from '../../../../lib/nats';
import type { RunningJsonService } from '../../../../lib/nats';
import type { ExperimentsDb } from '../db/repositories/experiments';
import type { BetaSampler } from '../domain/thompson-sampling';
import type { ExperimentsWorkerMetrics } from '../metrics';
import { PostAlreadyAssignedError, assignVariant } from '../operations/assign-variant';

/** NATS service name (`$SRV.INFO.experiments` lists it). */
export const SERVICE_NAME = 'experiments';
/** NATS service version. */
export const SERVICE_VERSION = '1.0.0';

/** Dependencies of {@link startAssignVariantService}. */
export interface AssignVariantServiceDeps {
  nc: NatsConnection;
  db: ExperimentsDb;
  logger: Logger;
  metrics: ExperimentsWorkerMetrics;
  sample: BetaSampler;
  /** Endpoint subject: the deployment's `subjects.assignVariant` (`experiments.assign-variant` without `NATS_PREFIX`). */
  subject: string;
}

/**
 * Starts the `experiments` NATS service with the endpoint `assign-variant` on `deps.subject`
 * (`experiments.assign-variant` without a prefix; see `startJsonService`).
 *
 * Request: JSON `assignVariantRequest` `{ jobId, postId, personaId, experimentId | null }`.
 * Reply: JSON `assignVariantReply` `{ variant: { id, experimentId, name, dimensions } | null }`.
 * Errors: 400 invalid request, 409 post already assigned to another job, 500 unexpected (e.g.
 * Postgres down). Every valid request is timed (`experiments_assignment_duration_seconds`) and
 * every request counted by outcome.
 *
 * @returns the running service; `stop()` unsubscribes it
 */
export function startAssignVariantService(deps: AssignVariantServiceDeps): Promise<RunningJsonService> {
  return startJsonService({
    nc: deps.nc,
    name: SERVICE_NAME,
    version: SERVICE_VERSION,
    description: 'A/B testing of prompt variants: picks the variant a generation job writes with',
    endpoint: 'assign-variant',
    subject: deps.subject,
    request: assignVariantRequest,
    logger: deps.logger,
    onInvalid: () => deps.metrics.assignments.inc({ outcome: 'invalid' }),
    async handle(request) {
      const end = deps.metrics.assignmentDuration.startTimer();
      try {
        const result = await assignVariant(deps.db, request, deps.sample);
        deps.metrics.assignments.inc({ outcome: result.outcome });
        return result.reply;
      } catch (err) {
        deps.metrics.assignments.inc({ outcome: 'error' });
        if (err instanceof PostAlreadyAssignedError) throw new ServiceError(409, err.message);
        throw err;
      } finally {
        end();
      }
    },
  });
}
