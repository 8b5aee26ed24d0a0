import { randomBytes, randomInt } from 'node:crypto';
import { startThreadsServer } from '../../support/threads-server';
import type { ThreadsServer } from '../../support/threads-server';
import { startContentHarness } from './harness';
import type { ContentHarness } from './harness';

/** A persona of a suite and its Threads account (token `THAA...`, as Threads user tokens start). */
export interface ThreadsTestAccount {
  persona: string;
  userId: string;
  token: string;
}

/** A Threads account for `persona`, with a random 16-digit user id and token. */
export function threadsAccount(persona: string): ThreadsTestAccount {
  return { persona, userId: `2${String(randomInt(1e9)).padStart(9, '0')}${String(randomInt(1e6)).padStart(6, '0')}`, token: `THAA${randomBytes(24).toString('hex')}` };
}

/** What {@link startThreadsContent} takes: the fake server's reply latency and expired accounts, and more of the subgraph's environment. */
export interface ThreadsContentOptions {
  /** How late each reply of the fake Threads is (ms). */
  latencyMs?: number;
  /** Accounts whose token has expired from the start. */
  expired?: readonly ThreadsTestAccount[];
  /** Environment of the content subgraph and worker, beside the publisher's. */
  env?: NodeJS.ProcessEnv;
}

/**
 * A fake Threads Graph API server knowing `accounts`, and the content harness publishing to it
 * (`PUBLISHER=threads`, each account's persona mapped to its user id and token in
 * `THREADS_ACCOUNTS`, 5 s timeouts).
 */
export async function startThreadsContent(accounts: readonly ThreadsTestAccount[], options: ThreadsContentOptions = {}): Promise<{ server: ThreadsServer; h: ContentHarness }> {
  const server = await startThreadsServer({
    accounts: Object.fromEntries(accounts.map((a) => [a.token, { userId: a.userId, username: a.persona, ...(options.expired?.includes(a) ? { expired: true } : {}) }])),
    ...(options.latencyMs !== undefined ? { latencyMs: options.latencyMs } : {}),
  });
  const h = await startContentHarness({
    PUBLISHER: 'threads',
    THREADS_API_URL: server.url,
    THREADS_ACCOUNTS: JSON.stringify(Object.fromEntries(accounts.map((a) => [a.persona, { userId: a.userId, accessToken: a.token }]))),
    THREADS_TIMEOUT_MS: '5000',
    ...options.env,
  });
  return { server, h };
}
