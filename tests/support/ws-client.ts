import { createClient } from 'graphql-ws';
import type { Client, FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';

/** A graphql-ws client of the gateway (`http://...` becomes `ws://...`). */
export function wsClient(httpUrl: string): Client {
  return createClient({ url: httpUrl.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
}

/** Runs a subscription to its end and returns every result, in order. */
export async function collectSubscription<T>(client: Client, query: string, variables: Record<string, unknown>): Promise<Array<FormattedExecutionResult<T, unknown>>> {
  const results: Array<FormattedExecutionResult<T, unknown>> = [];
  await new Promise<void>((resolve, reject) => {
    client.subscribe<T>(
      { query, variables },
      {
        next: (result) => results.push(result),
        error: (err) => reject(err instanceof Error ? err : new Error(JSON.stringify(err))),
        complete: () => resolve(),
      },
    );
  });
  return results;
}
