import { createClient } from 'graphql-ws';
import type { Client, FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';

/**
 * A graphql-ws client of the gateway (`http://...` becomes `ws://...`), sending `token` as
 * `Authorization: Bearer <token>` in `connection_init` when given.
 */
export function wsClient(httpUrl: string, token?: string): Client {
  return createClient({
    url: httpUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: true,
    connectionParams: token ? { Authorization: `Bearer ${token}` } : {},
  });
}

/** Rejection of {@link collectSubscription} when the server answers `subscribe` with an `error` message. */
export class SubscriptionRefused extends Error {
  constructor(readonly errors: Array<{ message: string; extensions?: Record<string, unknown> }>) {
    super(JSON.stringify(errors));
  }
}

/**
 * Runs a subscription to its end and returns every result, in order.
 *
 * @throws {SubscriptionRefused} with the GraphQL errors of an `error` message
 */
export async function collectSubscription<T>(client: Client, query: string, variables: Record<string, unknown>): Promise<Array<FormattedExecutionResult<T, unknown>>> {
  const results: Array<FormattedExecutionResult<T, unknown>> = [];
  await new Promise<void>((resolve, reject) => {
    client.subscribe<T>(
      { query, variables },
      {
        next: (result) => results.push(result),
        error: (err) => reject(err instanceof Error ? err : Array.isArray(err) ? new SubscriptionRefused(err) : new Error(JSON.stringify(err))),
        complete: () => resolve(),
      },
    );
  });
  return results;
}

/**
 * Subscribes and returns the `extensions.code` of the first error the server refused the
 * operation with (an `error` message), or null when it was served.
 */
export async function refusalCode(client: Client, query: string, variables: Record<string, unknown> = {}): Promise<unknown> {
  try {
    await collectSubscription(client, query, variables);
    return null;
  } catch (err) {
    if (err instanceof SubscriptionRefused) return err.errors[0]?.extensions?.code;
    throw err;
  }
}
