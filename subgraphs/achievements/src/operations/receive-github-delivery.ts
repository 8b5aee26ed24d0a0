import type { JetStreamClient } from '@nats-io/jetstream';
import type { Kysely } from 'kysely';
import type { Subjects } from '../../../../lib/events';
import type { Logger } from '../../../../lib/logger';
import type { AchievementsDatabase } from '../db/database';
import { finishDelivery, insertDelivery, markDeliveryPublished } from '../db/repositories/deliveries';
import { enqueueGithubDelivery } from '../messaging/delivery-queue';

/** GitHub events the platform turns into achievements or commits; others are acknowledged and ignored. */
export const HANDLED_GITHUB_EVENTS: ReadonlySet<string> = new Set(['pull_request', 'push', 'issues']);

/** What receiving a delivery needs. */
export interface ReceiveDeliveryDeps {
  db: Kysely<AchievementsDatabase>;
  js: JetStreamClient;
  /** This deployment's subjects (`NATS_PREFIX`). */
  subjects: Subjects;
  logger: Pick<Logger, 'warn' | 'info'>;
}

/** A verified delivery, as received. */
export interface VerifiedDelivery {
  /** `X-GitHub-Delivery`. */
  deliveryId: string;
  /** `X-GitHub-Event`. */
  event: string;
  payload: Record<string, unknown>;
  /** The body as signed. */
  raw: string;
}

/**
 * Stores a verified delivery, then queues it for the worker, and says what happened:
 * - `queued`: new, on JOBS (or, when NATS is down, stored for the sweeper: nothing is lost);
 * - `duplicate`: the delivery id was seen before (not processed again);
 * - `ignored`: `ping` or an event the platform does not use (recorded as IGNORED).
 *
 * @throws when Postgres does not answer (GitHub may redeliver: the id makes that safe)
 */
export async function receiveGithubDelivery(deps: ReceiveDeliveryDeps, delivery: VerifiedDelivery): Promise<{ status: 'queued' | 'duplicate' | 'ignored' }> {
  const action = typeof delivery.payload.action === 'string' ? delivery.payload.action : null;
  const { row, created } = await insertDelivery(deps.db, { deliveryId: delivery.deliveryId, event: delivery.event, action, payload: delivery.raw });
  if (!created) {
    if (row.status === 'RECEIVED' && row.published_at === null) await publish(deps, delivery.deliveryId);
    return { status: 'duplicate' };
  }
  if (!HANDLED_GITHUB_EVENTS.has(delivery.event)) {
    await finishDelivery(deps.db, delivery.deliveryId, { status: 'IGNORED', outcome: `${delivery.event} events are not used` });
    return { status: 'ignored' };
  }
  await publish(deps, delivery.deliveryId);
  return { status: 'queued' };
}

async function publish(deps: ReceiveDeliveryDeps, deliveryId: string): Promise<void> {
  try {
    await enqueueGithubDelivery(deps.js, deps.subjects, deliveryId);
    await markDeliveryPublished(deps.db, deliveryId);
  } catch (err) {
    deps.logger.warn({ err, deliveryId }, 'delivery stored but not yet on NATS; the worker\'s sweeper will queue it');
  }
}
