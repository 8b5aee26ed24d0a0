import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sign } from '@octokit/webhooks-methods';
import examples from '@octokit/webhooks-examples/api.github.com/index.json';

/** The secret the suites sign deliveries with (their services' `GITHUB_WEBHOOK_SECRET`). */
export const TEST_WEBHOOK_SECRET = 'test-webhook-secret-0123456789';

type Payload = Record<string, unknown> & { [key: string]: unknown };

/** A copy of the first `@octokit/webhooks-examples` payload of `event` (with `action` when given). */
export function examplePayload(event: string, action?: string): Payload {
  const entry = (examples as Array<{ name: string; examples: Payload[] }>).find((e) => e.name === event);
  const example = entry?.examples.find((e) => action === undefined || e.action === action);
  if (!example) throw new Error(`no ${event} ${action ?? ''} example in @octokit/webhooks-examples`);
  return structuredClone(example);
}

/** A merged pull request delivery: the examples' `closed` PR, merged, with the given facts. */
export function mergedPullRequest(pr: { number: number; title: string; body?: string; labels?: string[]; additions: number; deletions: number; changedFiles: number; repository?: string }): Payload {
  const payload = examplePayload('pull_request', 'closed');
  const pull = payload.pull_request as Payload;
  const repository = payload.repository as Payload;
  Object.assign(pull, {
    number: pr.number,
    title: pr.title,
    body: pr.body ?? '',
    merged: true,
    merged_at: '2026-11-20T12:00:00Z',
    created_at: '2026-11-18T12:00:00Z',
    labels: (pr.labels ?? []).map((name, i) => ({ id: i + 1, name, color: 'ededed' })),
    additions: pr.additions,
    deletions: pr.deletions,
    changed_files: pr.changedFiles,
    html_url: `https://github.com/${pr.repository ?? 'acme/api'}/pull/${pr.number}`,
  });
  payload.number = pr.number;
  repository.full_name = pr.repository ?? 'acme/api';
  return payload;
}

/** Headers of a delivery as GitHub sends it, signed with `secret` (HMAC-SHA256 of the raw body). */
export async function signedHeaders(event: string, deliveryId: string, body: string, secret = TEST_WEBHOOK_SECRET): Promise<Record<string, string>> {
  return {
    'content-type': 'application/json',
    'user-agent': 'GitHub-Hookshot/test',
    'x-github-event': event,
    'x-github-delivery': deliveryId,
    'x-hub-signature-256': await sign({ secret, algorithm: 'sha256' }, body),
  };
}

/** POSTs a delivery to a webhook URL and returns the status and JSON body. */
export async function deliver(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, { method: 'POST', headers, body });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** What the test GitHub answers for one pull request. */
export interface FakePullRequest {
  files: Array<{ filename: string; additions: number; deletions: number }>;
  commits: Array<{ sha: string; message: string; login: string; date: string }>;
  reviews: Array<{ login: string; state: string }>;
}

/**
 * A local HTTP server speaking the three GitHub REST endpoints the worker uses
 * (`GET /repos/{owner}/{repo}/pulls/{n}/files|commits|reviews`, GitHub's JSON shapes, 404 for
 * an unknown PR), so the real `@octokit/rest` client is exercised; it records each request's
 * `authorization` header.
 */
export async function startFakeGithub(pulls: Record<string, FakePullRequest>) {
  const requests: Array<{ path: string; authorization: string | undefined }> = [];
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0]!;
    requests.push({ path, authorization: req.headers.authorization });
    const match = /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)\/(files|commits|reviews)$/.exec(path);
    const pull = match ? pulls[`${match[1]}/${match[2]}#${match[3]}`] : undefined;
    if (req.method !== 'GET' || !match || !pull) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Not Found', documentation_url: 'https://docs.github.com/rest' }));
      return;
    }
    const kind = match[4];
    const body =
      kind === 'files'
        ? pull.files.map((f, i) => ({ sha: `f${i}`, filename: f.filename, status: 'modified', additions: f.additions, deletions: f.deletions, changes: f.additions + f.deletions }))
        : kind === 'commits'
          ? pull.commits.map((c) => ({ sha: c.sha, commit: { message: c.message, author: { name: c.login, email: `${c.login}@example.com`, date: c.date } }, author: { login: c.login } }))
          : pull.reviews.map((r, i) => ({ id: i + 1, user: { login: r.login }, state: r.state, body: '' }));
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
