import { describe, expect, it } from 'vitest';
import { allowedActions } from './experiment-actions';

describe('allowedActions', () => {
  it('follows the lifecycle DRAFT -> ACTIVE <-> PAUSED -> COMPLETED', () => {
    expect(allowedActions('DRAFT')).toEqual(['start']);
    expect(allowedActions('ACTIVE')).toEqual(['pause', 'complete']);
    expect(allowedActions('PAUSED')).toEqual(['start', 'complete']);
    expect(allowedActions('COMPLETED')).toEqual([]);
  });
});
