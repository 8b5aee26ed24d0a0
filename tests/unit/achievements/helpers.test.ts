import { escapeLikePattern } from '../../../subgraphs/achievements/src/db/repositories/achievement-filter';
import { round2, summarizeStats } from '../../../subgraphs/achievements/src/domain/achievement-stats';
import { normalizeLabels } from '../../../subgraphs/achievements/src/domain/labels';
import {
  deriveDurationHours,
  durationHoursOf,
  isTimelineValid,
  isTimelineValidAfterChange,
} from '../../../subgraphs/achievements/src/domain/timeline';

describe('normalizeLabels', () => {
  it('trims, drops empty labels and keeps the first spelling of case-insensitive duplicates', () => {
    expect(normalizeLabels([' TypeScript', 'typescript', '', '  ', 'Postgres', 'POSTGRES '])).toEqual(['TypeScript', 'Postgres']);
  });
});

describe('deriveDurationHours', () => {
  it('returns the hours between start and completion rounded to 2 decimals', () => {
    expect(deriveDurationHours(new Date('2026-01-01T09:00:00Z'), new Date('2026-01-01T11:30:00Z'))).toBe(2.5);
    expect(deriveDurationHours(new Date('2026-01-01T09:00:00Z'), new Date('2026-01-01T09:20:00Z'))).toBe(0.33);
    expect(deriveDurationHours(new Date('2026-01-01T00:00:00Z'), new Date('2026-01-03T00:00:00Z'))).toBe(48);
  });

  it('returns null when an end is unknown or the completion precedes the start', () => {
    expect(deriveDurationHours(null, new Date())).toBeNull();
    expect(deriveDurationHours(new Date('2026-01-02T00:00:00Z'), new Date('2026-01-01T00:00:00Z'))).toBeNull();
  });
});

describe('isTimelineValid', () => {
  it('accepts unknown ends and equal times, rejects a completion before the start', () => {
    const start = new Date('2026-05-01T12:00:00Z');
    expect(isTimelineValid(null, start)).toBe(true);
    expect(isTimelineValid(start, undefined)).toBe(true);
    expect(isTimelineValid(start, start)).toBe(true);
    expect(isTimelineValid(start, new Date('2026-05-01T11:59:59.999Z'))).toBe(false);
  });
});

describe('durationHoursOf', () => {
  const startedAt = new Date('2026-02-01T08:00:00Z');
  const completedAt = new Date('2026-02-01T14:45:00Z');

  it('derives the hours from the timeline when none are given', () => {
    expect(durationHoursOf(undefined, startedAt, completedAt)).toBe(6.75);
    expect(durationHoursOf(null, startedAt, completedAt)).toBe(6.75);
  });

  it('keeps given hours, 0 included, over the derived ones', () => {
    expect(durationHoursOf(3, startedAt, completedAt)).toBe(3);
    expect(durationHoursOf(0, startedAt, completedAt)).toBe(0);
  });

  it('is null when nothing is given and an end is unknown', () => {
    expect(durationHoursOf(undefined, startedAt, null)).toBeNull();
  });
});

describe('isTimelineValidAfterChange', () => {
  const stored = { startedAt: new Date('2026-03-01T09:00:00Z'), completedAt: null };

  it('checks a new completion against the stored start', () => {
    expect(isTimelineValidAfterChange(stored, { completedAt: new Date('2026-02-28T00:00:00Z') })).toBe(false);
    expect(isTimelineValidAfterChange(stored, { completedAt: new Date('2026-03-01T09:00:00Z') })).toBe(true);
  });

  it('lets null clear the stored start, and accepts a change that leaves the timeline alone', () => {
    expect(isTimelineValidAfterChange(stored, { startedAt: null, completedAt: new Date('2026-02-28T00:00:00Z') })).toBe(true);
    expect(isTimelineValidAfterChange(stored, {})).toBe(true);
  });
});

describe('summarizeStats', () => {
  it('parses decimals, rounds the mean to 2 decimals and orders categories by count then name', () => {
    expect(
      summarizeStats({
        count: 6,
        portfolioReadyCount: 2,
        averageImpactScore: '66.6666666666666667',
        totalTimeSavedHours: '12.50',
        totalBusinessValue: '15000.00',
        businessValueCount: 2,
        byCategory: [
          { category: 'TESTING', count: 1, totalImpactScore: '40.00', totalBusinessValue: null },
          { category: 'PERFORMANCE', count: 3, totalImpactScore: '240.00', totalBusinessValue: '5000.00' },
          { category: 'BUGFIX', count: 1, totalImpactScore: '30.00', totalBusinessValue: null },
          { category: 'SECURITY', count: 1, totalImpactScore: '90.00', totalBusinessValue: '10000.00' },
        ],
        bySource: [],
        byMonth: [],
      }),
    ).toEqual({
      count: 6,
      portfolioReadyCount: 2,
      averageImpactScore: 66.67,
      totalTimeSavedHours: 12.5,
      totalBusinessValue: 15000,
      byCategory: [
        { category: 'PERFORMANCE', count: 3, totalImpactScore: 240, totalBusinessValue: 5000 },
        { category: 'BUGFIX', count: 1, totalImpactScore: 30, totalBusinessValue: 0 },
        { category: 'SECURITY', count: 1, totalImpactScore: 90, totalBusinessValue: 10000 },
        { category: 'TESTING', count: 1, totalImpactScore: 40, totalBusinessValue: 0 },
      ],
      bySource: [],
      timeline: [],
      roi: 12,
    });
  });

  it('reports no average and zero sums for an empty set', () => {
    expect(
      summarizeStats({
        count: 0,
        portfolioReadyCount: 0,
        averageImpactScore: null,
        totalTimeSavedHours: null,
        totalBusinessValue: null,
        businessValueCount: 0,
        byCategory: [],
        bySource: [],
        byMonth: [],
      }),
    ).toEqual({
      count: 0,
      portfolioReadyCount: 0,
      averageImpactScore: null,
      totalTimeSavedHours: 0,
      totalBusinessValue: 0,
      byCategory: [],
      bySource: [],
      timeline: [],
      roi: null,
    });
  });

  it('rounds to 2 decimals with halves going up', () => {
    expect(round2(0.125)).toBe(0.13);
    expect(round2(66.664)).toBe(66.66);
  });
});

describe('escapeLikePattern', () => {
  it('escapes LIKE wildcards and the escape character so they match literally', () => {
    expect(escapeLikePattern('100%_done\\x')).toBe('100\\%\\_done\\\\x');
    expect(escapeLikePattern('plain text')).toBe('plain text');
  });
});
