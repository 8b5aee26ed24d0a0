/**
 * State of the graphql-ws connection, as the live indicator shows it: `refused` when the gateway
 * closed it for the token (4403 Forbidden: missing, expired or invalid), which retrying cannot fix.
 */
export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'refused';

/** A tiny observable of the connection state (read by `useSyncExternalStore`). */
export interface ConnectionStatus {
  get(): ConnectionState;
  set(state: ConnectionState): void;
  /** How many times the connection came back after being lost (0 until the first reconnection). */
  reconnections(): number;
  subscribe(listener: () => void): () => void;
}

/** Creates a {@link ConnectionStatus}, `connecting` at first. */
export function createConnectionStatus(): ConnectionStatus {
  let state: ConnectionState = 'connecting';
  let lives = 0;
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    set(next) {
      if (next === state) return;
      state = next;
      if (next === 'live') lives += 1;
      for (const listener of listeners) listener();
    },
    reconnections: () => Math.max(0, lives - 1),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * Delay before reconnection attempt `retries` (0-based), ms: 0.5 s doubling to 30 s, with ±25 %
 * jitter so that many dashboards do not reconnect in step after a gateway restart.
 */
export function reconnectDelayMs(retries: number, random: () => number = Math.random): number {
  const base = Math.min(30_000, 500 * 2 ** retries);
  return Math.round(base * (0.75 + 0.5 * random()));
}
