import type { NatsConnection } from '@nats-io/nats-core';
import { Svcm } from '@nats-io/services';
import type { Service, ServiceMsg } from '@nats-io/services';
import { assignVariantRequest } from '../../../../lib/events';
import type { Logger } from '../../../../lib/logger';
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
 * `@nats-io/services` 3.0.0-25 bundles its own `@nats-io/nats-core` prerelease, whose
 * `NatsConnection` type differs nominally from the one of `@nats-io/transport-node` 3.4 although
 * the runtime object is the same. This is the only place the two types meet.
 */
function serviceConnection(nc: NatsConnection): ConstructorParameters<typeof Svcm>[0] {
  return nc as unknown as ConstructorParameters<typeof Svcm>[0];
}

function parseRequest(msg: ServiceMsg): ReturnType<typeof assignVariantRequest.safeParse> | null {
  try {
    return assignVariantRequest.safeParse(msg.json());
  } catch {
    return null;
  }
}

/**
 * Starts the `experiments` NATS service (queue group `q`, so workers share the load) with the
 * endpoint `assign-variant` on `deps.subject` (`experiments.assign-variant` without a prefix).
 *
 * Request: JSON `assignVariantRequest` `{ jobId, postId, personaId, experimentId | null }`.
 * Reply: JSON `assignVariantReply` `{ variant: { id, experimentId, name, dimensions } | null }`.
 * Errors (headers `Nats-Service-Error-Code` / `Nats-Service-Error`): 400 invalid request,
 * 409 post already assigned to another job, 500 unexpected (e.g. Postgres down).
 *
 * @returns the running service; `stop()` unsubscribes it
 */
export async function startAssignVariantService(deps: AssignVariantServiceDeps): Promise<Service> {
  const service = await new Svcm(serviceConnection(deps.nc)).add({
    name: SERVICE_NAME,
    version: SERVICE_VERSION,
    description: 'A/B testing of prompt variants: picks the variant a generation job writes with',
  });
  const handle = async (msg: ServiceMsg): Promise<void> => {
    const end = deps.metrics.assignmentDuration.startTimer();
    const parsed = parseRequest(msg);
    if (!parsed?.success) {
      deps.metrics.assignments.inc({ outcome: 'invalid' });
      const detail = parsed ? parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : 'body is not JSON';
      msg.respondError(400, `invalid assign-variant request: ${detail}`);
      return;
    }
    try {
      const result = await assignVariant(deps.db, parsed.data, deps.sample);
      msg.respond(JSON.stringify(result.reply));
      deps.metrics.assignments.inc({ outcome: result.outcome });
    } catch (err) {
      deps.metrics.assignments.inc({ outcome: 'error' });
      if (err instanceof PostAlreadyAssignedError) {
        msg.respondError(409, err.message);
      } else {
        deps.logger.error({ err, jobId: parsed.data.jobId }, 'assign-variant failed');
        msg.respondError(500, 'assign-variant failed');
      }
    } finally {
      end();
    }
  };
  service.addEndpoint('assign-variant', {
    subject: deps.subject,
    handler: (err, msg) => {
      if (err) {
        deps.logger.error({ err }, 'assign-variant endpoint stopped');
        return;
      }
      void handle(msg);
    },
  });
  return service;
}
