import { useSyncExternalStore } from 'react';
import type { ConnectionStatus } from '../api/connection-status';

const LABELS = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…', refused: 'Not live: token refused' } as const;

/**
 * "Live" while the subscription socket is up, "Reconnecting…" while it retries, "Not live: token
 * refused" when the gateway refused the token (a polite status region).
 */
export function LiveIndicator({ status }: { status: ConnectionStatus }) {
  const state = useSyncExternalStore(status.subscribe, status.get);
  return (
    <p role="status" aria-live="polite" className={`live live-${state}`} data-state={state}>
      <span aria-hidden="true" className="dot" /> {LABELS[state]}
    </p>
  );
}
