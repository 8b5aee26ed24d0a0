import { describe, expect, it } from 'vitest';
import { mergeRecentJobs } from './recent-jobs';
import type { RecentJob } from './recent-jobs';

const persona = { id: 'p1', name: 'ai-jesus', emoji: '🙏' };
const job = (id: string, minute: number, status: RecentJob['status'] = 'QUEUED'): RecentJob => ({
  id,
  topic: `topic ${id}`,
  status,
  createdAt: `2026-11-29T12:${String(minute).padStart(2, '0')}:00.000Z`,
  persona,
});

describe('mergeRecentJobs', () => {
  it('lists each job once, newest first, with its latest status', () => {
    const merged = mergeRecentJobs([job('a', 1, 'COMPLETED'), job('b', 2)], [job('c', 3), job('b', 2, 'PROCESSING')]);
    expect(merged.map((j) => [j.id, j.status])).toEqual([
      ['c', 'QUEUED'],
      ['b', 'PROCESSING'],
      ['a', 'COMPLETED'],
    ]);
  });

  it('keeps a finished status when a late event says the job is still running', () => {
    const merged = mergeRecentJobs([job('a', 1, 'CANCELLED')], [job('a', 1, 'PROCESSING')]);
    expect(merged.map((j) => j.status)).toEqual(['CANCELLED']);
  });

  it('keeps PROCESSING when a late event says QUEUED, and takes a finished status over a running one', () => {
    expect(mergeRecentJobs([job('a', 1, 'PROCESSING')], [job('a', 1, 'QUEUED')]).map((j) => j.status)).toEqual(['PROCESSING']);
    expect(mergeRecentJobs([job('a', 1, 'PROCESSING')], [job('a', 1, 'FAILED')]).map((j) => j.status)).toEqual(['FAILED']);
  });

  it('keeps at most `limit` jobs, dropping the oldest', () => {
    const merged = mergeRecentJobs([], [job('a', 1), job('b', 2), job('c', 3), job('d', 4)], 3);
    expect(merged.map((j) => j.id)).toEqual(['d', 'c', 'b']);
  });
});
