import type { IncomingMessage, ServerResponse } from 'node:http';
import { verify } from '@octokit/webhooks-methods';
import type { Logger } from '../../../../lib/logger';
import { BodyTooLargeError, readBody } from '../../../../lib/server';
import { webhookEventLabel } from '../metrics';
import type { AchievementsMetrics } from '../metrics';
import type { ReceiveDeliveryDeps } from '../operations/receive-github-delivery';
import { receiveGithubDelivery } from '../operations/receive-github-delivery';

/** Path of the endpoint on the achievements service's public port (the gateway forwards the same path). */
export const GITHUB_WEBHOOK_PATH = '/webhooks/github';
/** Largest delivery GitHub sends (its documented cap): 25 MB. */
export const MAX_DELIVERY_BYTES = 25 * 1024 * 1024;

/** What the endpoint needs: the secret (unset: 503), and what storing a delivery needs. */
export interface GithubWebhookEndpointDeps extends ReceiveDeliveryDeps {
  /** `GITHUB_WEBHOOK_SECRET`; unset refuses every delivery with 503. */
  secret: string | undefined;
  logger: Logger;
  metrics: Pick<AchievementsMetrics, 'webhookDeliveries'>;
}

function answer(res: ServerResponse, status: number, body: Record<string, unknown>): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * Handles `POST /webhooks/github` (GitHub's webhook protocol):
 * - no `GITHUB_WEBHOOK_SECRET`: 503, and nothing is read (a deployment never accepts unsigned deliveries);
 * - body over 25 MB: 413; missing or wrong `X-Hub-Signature-256` (HMAC-SHA256 of the raw body,
 *   compared in constant time by `@octokit/webhooks-methods`): 401, nothing stored;
 * - signed but not JSON, or no `X-GitHub-Event` / `X-GitHub-Delivery`: 400;
 * - otherwise the delivery is stored and queued ({@link receiveGithubDelivery}) and answered at once:
 *   202 for a new delivery, 200 for one seen before or one the platform does not use (`ping`...).
 *
 * @returns a route for `defineSubgraph` (true when the request was for this path)
 */
export function githubWebhookRoute(deps: GithubWebhookEndpointDeps): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    if ((req.url ?? '').split('?')[0] !== GITHUB_WEBHOOK_PATH) return false;
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST', 'content-type': 'application/json' }).end(JSON.stringify({ error: 'POST only' }));
      return true;
    }
    handle(deps, req, res).catch((err: unknown) => {
      deps.logger.error({ err }, 'GitHub delivery could not be stored');
      if (!res.headersSent) answer(res, 500, { error: 'the delivery could not be stored; GitHub will let you redeliver it' });
    });
    return true;
  };
}

async function handle(deps: GithubWebhookEndpointDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!deps.secret) {
    req.resume();
    answer(res, 503, { error: 'GITHUB_WEBHOOK_SECRET is not set: GitHub deliveries are refused until it is (deliveries are never accepted unsigned)' });
    return;
  }
  let raw: string;
  try {
    raw = (await readBody(req, MAX_DELIVERY_BYTES)).toString('utf8');
  } catch (err) {
    if (!(err instanceof BodyTooLargeError)) throw err;
    res.setHeader('connection', 'close');
    answer(res, 413, { error: `deliveries are at most ${MAX_DELIVERY_BYTES} bytes` });
    req.resume();
    return;
  }
  const event = header(req, 'x-github-event');
  const count = (outcome: string) => deps.metrics.webhookDeliveries.inc({ event: webhookEventLabel(event), outcome });
  const signature = header(req, 'x-hub-signature-256');
  if (!signature?.startsWith('sha256=') || raw.length === 0 || !(await verify(deps.secret, raw, signature))) {
    count('refused');
    deps.logger.warn({ delivery: header(req, 'x-github-delivery'), event: header(req, 'x-github-event') }, 'GitHub delivery refused: missing or wrong signature');
    answer(res, 401, { error: 'missing or invalid X-Hub-Signature-256' });
    return;
  }
  let payload: unknown;
  try {
    payload = JSON.parse(raw);
  } catch {
    count('invalid');
    answer(res, 400, { error: 'the body is not JSON' });
    return;
  }
  const deliveryId = header(req, 'x-github-delivery');
  if (!event || !deliveryId || deliveryId.length > 200 || typeof payload !== 'object' || payload === null) {
    count('invalid');
    answer(res, 400, { error: 'X-GitHub-Event and X-GitHub-Delivery are required, and the body must be a JSON object' });
    return;
  }
  const received = await receiveGithubDelivery(deps, { deliveryId, event, payload: payload as Record<string, unknown>, raw });
  count(received.status);
  answer(res, received.status === 'queued' ? 202 : 200, { deliveryId, status: received.status });
}
