import { createContext, useContext, useSyncExternalStore } from 'react';
import type { ConnectionStatus } from './connection-status';

/** The live connection's status, for the pages (provided by the app next to the urql client). */
export const ConnectionStatusContext = createContext<ConnectionStatus | null>(null);

const NO_STATUS = { subscribe: () => () => undefined, reconnections: () => 0 };

/**
 * How many times the live connection came back after being lost (0 until the first
 * reconnection); the component re-renders when it changes. Outside a provider: always 0.
 */
export function useReconnections(): number {
  const status = useContext(ConnectionStatusContext) ?? NO_STATUS;
  return useSyncExternalStore(status.subscribe, status.reconnections);
}
