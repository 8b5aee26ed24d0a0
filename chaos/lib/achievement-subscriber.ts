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
  /** How many times each achievement id reached the application (resume repeats left out, see `resumeRepeats`). */
  received(): ReadonlyMap<string, number>;
  /** Ids a resumed subscription replayed although an earlier one had delivered them (the boundary of `since`), dropped by id. */
  resumeRepeats(): number;
  /** Connections, disconnections and subscription ends, oldest first. */
  events(): SubscriberEvent[];
  /** Epoch ms of the newest `createdAt` delivered (the time the subscriber started, before any). */
  newestCreatedAt(): number;
  /** Closes the client. */
  stop(): Promise<void>;
}

const SUBSCRIPTION = 'subscription Resumable($since: DateTime) { achievementCreated(since: $since) { id createdAt } }';

/**
 * How far before the newest `createdAt` delivered a resumed subscription starts its replay (ms).
 * An achievement's event is stored on the stream after its row is committed, so every event not
 * yet delivered was stored after that time; the margin covers clocks (Postgres, NATS).
 */
const RESUME_MARGIN_MS = 1_000;

/**
 * Opens one graphql-ws client on the gateway (`ws://` of `gatewayUrl`, the token in
 * `connection_init`) that retries forever (every connection problem, 250 ms doubling up to 2 s),
 * and subscribes to `achievementCreated`, counting every id received, as an application that
 * must not miss an achievement would: after each reconnection (the gateway was killed and
 * restarted) it subscribes again with `since` = the newest `createdAt` delivered less {@link RESUME_MARGIN_MS}
 * (so the gateway replays what it missed from the EVENTS stream) and drops the ids an earlier
 * subscription had already delivered (counted in `resumeRepeats()`); a second delivery of an id
 * within one subscription is counted in `received()` (a duplicate). Should the subscription end
 * (an `error` or `complete` message, a fatal close code), it is resubscribed after 250 ms and the
 * end recorded in `events()`: the suite reports it.
 */
export function startAchievementSubscriber(gatewayUrl: string, token: string): AchievementSubscriber {
  const received = new Map<string, number>();
  const events: SubscriberEvent[] = [];
  let repeats = 0;
  let stopped = false;
  let newestCreatedAt = Date.now();
  let connections = 0;
  let current: (() => void) | null = null;
  const subscribe = () => {
    current?.();
    const earlier = new Set(received.keys());
    const since = new Date(newestCreatedAt - RESUME_MARGIN_MS).toISOString();
    // Set when this subscription is replaced or the subscriber stops: its end is then expected.
    let replaced = false;
    const dispose = client.subscribe<{ achievementCreated: { id: string; createdAt: string } }>(
      { query: SUBSCRIPTION, variables: { since } },
      {
        next: (result) => {
          const achievement = result.data?.achievementCreated;
          if (!achievement) return;
          const id = achievement.id;
          newestCreatedAt = Math.max(newestCreatedAt, Date.parse(achievement.createdAt));
          if (earlier.delete(id)) {
            repeats++;
            return;
          }
          received.set(id, (received.get(id) ?? 0) + 1);
        },
        error: (err) => {
          if (replaced || stopped) return;
          events.push({ type: 'subscription-error', at: Date.now(), detail: err instanceof Error ? err.message : JSON.stringify(err) });
          setTimeout(subscribe, 250);
        },
        complete: () => {
          if (replaced || stopped) return;
          events.push({ type: 'subscription-complete', at: Date.now() });
          setTimeout(subscribe, 250);
        },
      },
    );
    current = () => {
      replaced = true;
      dispose();
    };
  };
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
      connected: () => {
        events.push({ type: 'connected', at: Date.now() });
        // A reconnection: resume from the last delivery instead of graphql-ws's plain resubscribe.
        if (++connections > 1 && !stopped) subscribe();
      },
      closed: (event) => events.push({ type: 'closed', at: Date.now(), detail: String((event as { code?: number } | undefined)?.code ?? '') }),
    },
  });
  subscribe();
  return {
    received: () => received,
    resumeRepeats: () => repeats,
    events: () => [...events],
    newestCreatedAt: () => newestCreatedAt,
    async stop() {
      stopped = true;
      current?.();
      await client.dispose();
    },
  };
}
