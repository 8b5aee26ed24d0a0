import { act, cleanup, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createConnectionStatus } from '../api/connection-status';
import type { ConnectionStatus } from '../api/connection-status';
import { ConnectionStatusContext } from '../api/live-status';
import { useRefresh } from './use-refresh';

function renderRefresh(status: ConnectionStatus) {
  const refresh = vi.fn();
  const wrapper = ({ children }: { children: ReactNode }) => <ConnectionStatusContext.Provider value={status}>{children}</ConnectionStatusContext.Provider>;
  const { result, unmount } = renderHook(() => useRefresh(refresh), { wrapper });
  return { refresh, schedule: () => result.current(), unmount };
}

describe('useRefresh', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('runs one refresh for a burst of events, 250 ms after its first, and another for a later burst', () => {
    const { refresh, schedule } = renderRefresh(createConnectionStatus());
    for (let i = 0; i < 50; i++) schedule();
    act(() => void vi.advanceTimersByTime(249));
    expect(refresh).not.toHaveBeenCalled();
    act(() => void vi.advanceTimersByTime(1));
    expect(refresh).toHaveBeenCalledTimes(1);
    schedule();
    schedule();
    act(() => void vi.advanceTimersByTime(250));
    expect(refresh).toHaveBeenCalledTimes(2);
  });

  it('refreshes after each reconnection, not on the first connection', () => {
    const status = createConnectionStatus();
    const { refresh } = renderRefresh(status);
    act(() => status.set('live'));
    act(() => void vi.advanceTimersByTime(1000));
    expect(refresh).not.toHaveBeenCalled();
    act(() => status.set('reconnecting'));
    act(() => status.set('live'));
    act(() => void vi.advanceTimersByTime(250));
    expect(refresh).toHaveBeenCalledTimes(1);
    act(() => status.set('reconnecting'));
    act(() => status.set('live'));
    act(() => void vi.advanceTimersByTime(250));
    expect(refresh).toHaveBeenCalledTimes(2);
  });

  it('runs nothing once unmounted', () => {
    const { refresh, schedule, unmount } = renderRefresh(createConnectionStatus());
    schedule();
    unmount();
    act(() => void vi.advanceTimersByTime(1000));
    expect(refresh).not.toHaveBeenCalled();
  });
});
