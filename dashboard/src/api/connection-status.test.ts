import { describe, expect, it } from 'vitest';
import { createConnectionStatus, reconnectDelayMs } from './connection-status';

describe('the connection status', () => {
  it('starts connecting and tells its listeners of each change, once', () => {
    const status = createConnectionStatus();
    const seen: string[] = [];
    const stop = status.subscribe(() => seen.push(status.get()));
    expect(status.get()).toBe('connecting');
    status.set('live');
    status.set('live');
    status.set('reconnecting');
    stop();
    status.set('live');
    expect(seen).toEqual(['live', 'reconnecting']);
  });

  it('counts the reconnections: each return to live after the first', () => {
    const status = createConnectionStatus();
    status.set('live');
    expect(status.reconnections()).toBe(0);
    status.set('reconnecting');
    expect(status.reconnections()).toBe(0);
    status.set('live');
    status.set('live');
    expect(status.reconnections()).toBe(1);
    status.set('reconnecting');
    status.set('live');
    expect(status.reconnections()).toBe(2);
  });
});

describe('reconnectDelayMs', () => {
  it('doubles from 0.5 s to at most 30 s, within ±25 % jitter', () => {
    expect(reconnectDelayMs(0, () => 0.5)).toBe(500);
    expect(reconnectDelayMs(3, () => 0.5)).toBe(4000);
    expect(reconnectDelayMs(20, () => 0.5)).toBe(30_000);
    expect(reconnectDelayMs(0, () => 0)).toBe(375);
    expect(reconnectDelayMs(0, () => 0.999)).toBeLessThanOrEqual(625);
  });
});
