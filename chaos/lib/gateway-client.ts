import { setTimeout as sleep } from 'node:timers/promises';
import { bearer, postGraphQL } from '../../bench/lib/graphql-client';

/** Error codes that a retry cannot change: the request itself is wrong or refused. */
const PERMANENT_CODES = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'UNAUTHENTICATED', 'FORBIDDEN', 'OPERATION_TOO_COMPLEX', 'BAD_REQUEST', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED']);

/** Longest wait for one response (ms) before the request is retried (the first one may still land: requests are idempotent). */
const REQUEST_TIMEOUT_MS = 20_000;

/** Thrown when the gateway answered with an error a retry cannot fix (see {@link PERMANENT_CODES}). */
export class PermanentRequestError extends Error {
  override readonly name = 'PermanentRequestError';
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** Thrown when a request did not succeed before its deadline. */
export class GaveUpError extends Error {
  override readonly name = 'GaveUpError';
}

/** How one call ended. */
export interface CallResult<T> {
  /** The data, or null when the call ended with one of the accepted error codes. */
  data: T | null;
  /** The accepted error code it ended with (e.g. `CONFLICT`: created by an earlier attempt). */
  acceptedCode: string | null;
  /** Attempts made, the successful one included. */
  attempts: number;
}

/** Options of one call. */
export interface CallOptions {
  /** Epoch ms after which no attempt is started ({@link GaveUpError}). */
  until: number;
  /** Error codes that end the call as a success with `data: null` (e.g. `CONFLICT` for a create retried after a lost answer). */
  acceptCodes?: readonly string[];
}

/** A client of the gateway that retries transient failures (a write must be idempotent to be retried). */
export interface RetryingClient {
  call<T>(query: string, variables: Record<string, unknown>, options: CallOptions): Promise<CallResult<T>>;
}

/** What the client reports as it works. */
export interface RetryingClientHooks {
  /** Called with the epoch ms of every successful answer. */
  onSuccess?: (at: number) => void;
  /** Called for every failed attempt that will be retried, with its reason. */
  onRetry?: (reason: string) => void;
}

/**
 * A GraphQL client of the gateway (`authorization: Bearer <token>`) that retries, with backoff
 * from 200 ms doubling up to 2 s, every failure but a permanent error code: connection refused
 * or reset (the gateway was killed), no answer within 20 s, HTTP 5xx, `SUBGRAPH_UNAVAILABLE`,
 * `INTERNAL_SERVER_ERROR` (Postgres or NATS restarting), `RATE_LIMITED`.
 *
 * @throws {PermanentRequestError} on a permanent error code not in `acceptCodes`
 * @throws {GaveUpError} when no attempt succeeded before `until`
 */
export function createRetryingClient(url: string, token: string, hooks: RetryingClientHooks = {}): RetryingClient {
  const headers = bearer(token);
  return {
    async call<T>(query: string, variables: Record<string, unknown>, options: CallOptions): Promise<CallResult<T>> {
      let lastReason = 'no attempt';
      for (let attempt = 1; ; attempt++) {
        if (Date.now() >= options.until) throw new GaveUpError(`gave up after ${attempt - 1} attempts: ${lastReason}`);
        let timer: NodeJS.Timeout | undefined;
        try {
          const response = await Promise.race([
            postGraphQL<T>(url, query, variables, headers),
            new Promise<never>((_, reject) => {
              timer = setTimeout(() => reject(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)), REQUEST_TIMEOUT_MS);
            }),
          ]);
          const error = response.errors?.[0];
          if (!error && response.data) {
            hooks.onSuccess?.(Date.now());
            return { data: response.data, acceptedCode: null, attempts: attempt };
          }
          const code = typeof error?.extensions?.code === 'string' ? error.extensions.code : `HTTP ${response.status}`;
          if (options.acceptCodes?.includes(code)) {
            hooks.onSuccess?.(Date.now());
            return { data: null, acceptedCode: code, attempts: attempt };
          }
          if (PERMANENT_CODES.has(code)) throw new PermanentRequestError(`${code}: ${error?.message ?? response.text.slice(0, 200)}`, code);
          lastReason = `${code}: ${error?.message ?? response.text.slice(0, 200)}`;
        } catch (err) {
          if (err instanceof PermanentRequestError) throw err;
          lastReason = err instanceof Error ? `${err.message} ${(err.cause as Error | undefined)?.message ?? ''}`.trim() : String(err);
        } finally {
          clearTimeout(timer);
        }
        hooks.onRetry?.(lastReason);
        await sleep(Math.min(200 * 2 ** (attempt - 1), 2000));
      }
    },
  };
}
