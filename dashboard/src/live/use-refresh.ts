import { useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import { useReconnections } from '../api/live-status';

/** How long a burst of events is gathered into one refresh, ms. */
const REFRESH_DELAY_MS = 250;

/**
 * A page's refresh of what it shows, coalesced and run again after reconnections: the returned
 * `schedule()` runs `refresh` once, {@link REFRESH_DELAY_MS} after the first call of a burst (a
 * replay of many events after a reconnection, or a busy platform, costs one round of queries, not
 * one per event), and `refresh` is also scheduled each time the live connection comes back, since
 * what happened while it was down may have no event to replay (job and experiment feeds).
 */
export function useRefresh(refresh: () => void): () => void {
  const latest = useRef(refresh);
  useLayoutEffect(() => {
    latest.current = refresh;
  });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const schedule = useCallback(() => {
    if (timer.current !== undefined) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      latest.current();
    }, REFRESH_DELAY_MS);
  }, []);
  const reconnections = useReconnections();
  useEffect(() => {
    if (reconnections > 0) schedule();
  }, [reconnections, schedule]);
  return schedule;
}
