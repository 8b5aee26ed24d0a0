import type { z } from 'zod';
import { PermanentError } from '../../../../lib/nats';
import { findDelivery, finishDelivery } from '../db/repositories/deliveries';
import { issuesEvent, pullRequestEvent, pushEvent } from '../messaging/github-payloads';
import { webhookEventLabel } from '../metrics';
import type { DeliveryDeps, DeliveryResult } from './delivery-result';
import { importIssue } from './import-issue';
import { importPullRequest } from './import-pull-request';
import { recordPush } from './record-push';

/**
 * Processes one stored delivery, idempotently: a delivery that has ended (PROCESSED, IGNORED,
 * FAILED) is not processed again; otherwise it is dispatched by event (`pull_request`, `push`,
 * `issues`) and its row records the outcome (in the same transaction as what it created).
 * A payload without the fields the platform uses is IGNORED with the reason (never retried).
 *
 * @throws {PermanentError} when the delivery does not exist
 * @throws GitHub's or Postgres's error (retried with backoff; FAILED after the last delivery)
 */
export async function processGithubDelivery(deps: DeliveryDeps, deliveryId: string): Promise<DeliveryResult> {
  const delivery = await findDelivery(deps.db, deliveryId);
  if (!delivery) throw new PermanentError(`webhook delivery ${deliveryId} does not exist`);
  if (delivery.status !== 'RECEIVED') return { status: delivery.status === 'IGNORED' ? 'IGNORED' : 'PROCESSED', outcome: delivery.outcome ?? 'already processed' };
  const result = await dispatch(deps, deliveryId, delivery.event, delivery.payload);
  // The operations record their own outcome with what they write; this records the rest (ignored, already imported).
  await finishDelivery(deps.db, deliveryId, { status: result.status, outcome: result.outcome, achievementId: result.achievementId ?? null });
  deps.metrics.webhookDeliveries.inc({ event: webhookEventLabel(delivery.event), outcome: result.status === 'IGNORED' ? 'skipped' : 'processed' });
  deps.logger.debug({ deliveryId, event: delivery.event, ...result }, 'GitHub delivery processed');
  return result;
}

/** The payload parsed by `schema`, or why it cannot be used. */
function parsePayload<S extends z.ZodType>(schema: S, payload: unknown, event: string): { data: z.output<S> } | { reason: string } {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return { data: parsed.data };
  const issue = parsed.error.issues[0];
  return { reason: `the ${event} payload lacks what the platform uses: ${issue ? `${issue.path.map(String).join('.')} ${issue.message}` : 'unknown'}` };
}

async function dispatch(deps: DeliveryDeps, deliveryId: string, event: string, payload: unknown): Promise<DeliveryResult> {
  if (event === 'pull_request') {
    const parsed = parsePayload(pullRequestEvent, payload, event);
    return 'reason' in parsed ? { status: 'IGNORED', outcome: parsed.reason } : importPullRequest(deps, deliveryId, parsed.data);
  }
  if (event === 'push') {
    const parsed = parsePayload(pushEvent, payload, event);
    return 'reason' in parsed ? { status: 'IGNORED', outcome: parsed.reason } : recordPush(deps, deliveryId, parsed.data);
  }
  if (event === 'issues') {
    const parsed = parsePayload(issuesEvent, payload, event);
    return 'reason' in parsed ? { status: 'IGNORED', outcome: parsed.reason } : importIssue(deps, deliveryId, parsed.data);
  }
  return { status: 'IGNORED', outcome: `${event} events are not used` };
}

/** Records the last attempt's error: the delivery becomes FAILED (unless it had ended). */
export async function failGithubDelivery(deps: Pick<DeliveryDeps, 'db' | 'metrics'>, deliveryId: string, error: Error): Promise<void> {
  const failed = await finishDelivery(deps.db, deliveryId, { status: 'FAILED', outcome: 'gave up after the last attempt', error: error.message.slice(0, 2000) });
  if (!failed) return;
  const delivery = await findDelivery(deps.db, deliveryId);
  deps.metrics.webhookDeliveries.inc({ event: webhookEventLabel(delivery?.event), outcome: 'failed' });
}
