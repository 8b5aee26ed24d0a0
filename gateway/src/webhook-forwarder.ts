import type { IncomingMessage, ServerResponse } from 'node:http';
import { Kind } from 'graphql';
import type { DocumentNode } from 'graphql';
import type { Logger } from '../../lib/logger';
import { BodyTooLargeError, readBody } from '../../lib/server';

/** Public path of GitHub's webhook on the gateway (and on the achievements service). */
export const GITHUB_WEBHOOK_PATH = '/webhooks/github';
/** Largest delivery GitHub sends (its documented cap): 25 MB. */
const MAX_DELIVERY_BYTES = 25 * 1024 * 1024;
/** Headers of GitHub's webhook protocol passed on to the achievements service. */
const FORWARDED_HEADERS = ['content-type', 'user-agent', 'x-github-event', 'x-github-delivery', 'x-hub-signature-256', 'x-github-hook-id'];

/**
 * URL of the achievements service's webhook: `ACHIEVEMENTS_URL` when set, else the
 * achievements subgraph's URL in the supergraph (`@join__graph`), with the path `/webhooks/github`.
 *
 * @throws when the supergraph has no achievements subgraph and no override is given
 */
export function githubWebhookTarget(supergraph: DocumentNode, override: string | undefined): string {
  let url = override;
  for (const definition of supergraph.definitions) {
    if (url || definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const graph = value.directives?.find((d) => d.name.value === 'join__graph');
      const name = graph?.arguments?.find((a) => a.name.value === 'name')?.value;
      const graphUrl = graph?.arguments?.find((a) => a.name.value === 'url')?.value;
      if (name?.kind === Kind.STRING && name.value === 'achievements' && graphUrl?.kind === Kind.STRING) url = graphUrl.value;
    }
  }
  if (!url) throw new Error('the supergraph has no achievements subgraph to forward GitHub webhooks to');
  return new URL(GITHUB_WEBHOOK_PATH, url).toString();
}

/**
 * Forwards `POST /webhooks/github` to the achievements service as received (raw body, GitHub's
 * headers), so GitHub can be pointed at the public port, and answers with the service's status
 * and body; 413 over 25 MB, 502 when the service does not answer in `timeoutMs` (GitHub marks the
 * delivery failed and it can be redelivered). The signature is checked by the service, which
 * holds the secret. Considered: `http-proxy`, unmaintained since 2020; one POST needs no more.
 *
 * @returns a route for `listenGraphQL` (true when the request was for this path)
 */
export function githubWebhookForwarder(options: { target: string; timeoutMs: number; logger: Logger }): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    if ((req.url ?? '').split('?')[0] !== GITHUB_WEBHOOK_PATH) return false;
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST', 'content-type': 'application/json' }).end(JSON.stringify({ error: 'POST only' }));
      return true;
    }
    forward(options, req, res).catch((err: unknown) => {
      options.logger.warn({ err: (err as Error).message, target: options.target }, 'GitHub delivery not forwarded');
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'the achievements service did not answer' }));
    });
    return true;
  };
}

async function forward(options: { target: string; timeoutMs: number }, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let body: Buffer;
  try {
    body = await readBody(req, MAX_DELIVERY_BYTES);
  } catch (err) {
    if (!(err instanceof BodyTooLargeError)) throw err;
    res.writeHead(413, { 'content-type': 'application/json', connection: 'close' }).end(JSON.stringify({ error: `deliveries are at most ${MAX_DELIVERY_BYTES} bytes` }));
    req.resume();
    return;
  }
  const headers: Record<string, string> = {};
  for (const name of FORWARDED_HEADERS) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  const upstream = await fetch(options.target, { method: 'POST', headers, body: new Uint8Array(body), signal: AbortSignal.timeout(options.timeoutMs) });
  const text = await upstream.text();
  res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' }).end(text);
}
