import type { NatsConnection } from '@nats-io/nats-core';
import { assignVariantReply } from '../../../../lib/events';
import type { AssignVariantReply, AssignVariantRequest } from '../../../../lib/events';
import type { Logger } from '../../../../lib/logger';
import { requestTraced } from '../../../../lib/nats';

/** The variant a job was given, or null. */
export type AssignedVariant = AssignVariantReply['variant'];

/**
 * Asks experiments (NATS services API, `experiments.assign-variant`) for the job's variant.
 * Fallback: when experiments does not answer within `timeoutMs`, answers with a service error or
 * an unreadable reply, the job is written without a variant (logged), rather than failing.
 */
export async function requestVariant(
  nc: NatsConnection,
  subject: string,
  request: AssignVariantRequest,
  timeoutMs: number,
  logger: Pick<Logger, 'warn'>,
): Promise<AssignedVariant> {
  try {
    const reply = await requestTraced(nc, subject, JSON.stringify(request), timeoutMs);
    const serviceError = reply.headers?.get('Nats-Service-Error');
    if (serviceError) throw new Error(`experiments answered: ${serviceError}`);
    return assignVariantReply.parse(reply.json()).variant;
  } catch (err) {
    logger.warn({ err, jobId: request.jobId }, 'no variant from experiments; generating without one');
    return null;
  }
}
