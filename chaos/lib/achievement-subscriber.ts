import { createClient } from 'graphql-ws';
import type { Client } from 'graphql-ws';
import WebSocket from 'ws';

/** One connection (`connection_ack`) or subscription end seen by the subscriber. */
export interface SubscriberEvent {
  type: 'connected' | 'closed' | 'subscription-error' | 'subscription-complete';
  /** Epoch ms. */
  at: number;
  detail?: string;
}

/** A graphql-ws client of the gateway that keeps one `achievementCreated` subscription open. */
export interface AchievementSubscriber {
  /** How many times each achievement id was received. */
  received(): ReadonlyMap<string, number>;
  /** Connections, disconnections and subscription ends, oldest first. */
  events(): SubscriberEvent[];
  /** Closes the client. */
  stop(): Promise<void>;
}

const SUBSCRIPTION = 'subscription { achievementCreated { id } }';

/**
 * Opens one graphql-ws client on the gateway (`ws://` of `gatewayUrl`, the token in
 * `connection_init`) that retries forever (every connection problem, 250 ms doubling up to 2 s),
 * so that when the gateway is killed and restarted it reconnects and graphql-ws resubscribes by
 * itself; and subscribes to `achievementCreated`, counting every id received. Should the
 * subscription still end (an `error` or `complete` message, a fatal close code), it is
 * resubscribed after 250 ms and the end recorded in `events()`: the suite reports it.
 */
export function startAchievementSubscriber(gatewayUrl: string, token: string): AchievementSubscriber {
  const received = new Map<string, number>();
  const events: SubscriberEvent[] = [];
  let stopped = false;
  const client: Client = createClient({
    url: gatewayUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { Authorization: `Bearer ${token}` },
    lazy: false,
    keepAlive: 5_000,
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => true,
    retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(250 * 2 ** retries, 2_000))),
    on: {
      connected: () => events.push({ type: 'connected', at: Date.now() }),
      closed: (event) => events.push({ type: 'closed', at: Date.now(), detail: String((event as { code?: number } | undefined)?.code ?? '') }),
    },
  });
  const subscribe = () => {
    client.subscribe<{ achievementCreated: { id: string } }>(
      { query: SUBSCRIPTION },
      {
        next: (result) => {
          const id = result.data?.achievementCreated.id;
          if (id) received.set(id, (received.get(id) ?? 0) + 1);
        },
        error: (err) => {
          events.push({ type: 'subscription-error', at: Date.now(), detail: err instanceof Error ? err.message : JSON.stringify(err) });
          if (!stopped) setTimeout(subscribe, 250);
        },
        complete: () => {
          if (stopped) return;
          events.push({ type: 'subscription-complete', at: Date.now() });
          setTimeout(subscribe, 250);
        },
      },
    );
  };
  subscribe();
  return {
    received: () => received,
    events: () => [...events],
    async stop() {
      stopped = true;
      await client.dispose();
    },
  };
}
