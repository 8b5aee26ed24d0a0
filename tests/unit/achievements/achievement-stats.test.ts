import { achievementRoi, monthKey, summarizeStats, toTimeline } from '../../../subgraphs/achievements/src/domain/achievement-stats';
import type { RawAchievementStats } from '../../../subgraphs/achievements/src/domain/achievement-stats';

const EMPTY: RawAchievementStats = {
  count: 0,
  portfolioReadyCount: 0,
  averageImpactScore: null,
  totalTimeSavedHours: null,
  totalBusinessValue: null,
  businessValueCount: 0,
  byCategory: [],
  bySource: [],
  byMonth: [],
};

describe('monthKey', () => {
  it('buckets an instant into its UTC calendar month', () => {
    expect(monthKey(new Date('2026-03-01T00:00:00Z'))).toBe('2026-03');
    expect(monthKey(new Date('2026-03-31T23:59:59.999Z'))).toBe('2026-03');
  });

  it('uses the UTC month, not the month of the written offset', () => {
    expect(monthKey(new Date('2026-03-31T23:30:00-02:00'))).toBe('2026-04');
    expect(monthKey(new Date('2026-01-01T01:00:00+03:00'))).toBe('2025-12');
  });
});

describe('toTimeline', () => {
  it('orders months oldest first, across years, with sums rounded to 2 decimals', () => {
    expect(
      toTimeline([
        { monthStart: new Date('2026-02-01T00:00:00Z'), count: 2, totalImpactScore: '150.50', totalBusinessValue: '1000.10' },
        { monthStart: new Date('2025-12-01T00:00:00Z'), count: 1, totalImpactScore: '90.00', totalBusinessValue: null },
        { monthStart: new Date('2026-01-01T00:00:00Z'), count: 3, totalImpactScore: '210.25', totalBusinessValue: '0.20' },
      ]),
    ).toEqual([
      { month: '2025-12', count: 1, impactScore: 90, businessValue: 0 },
      { month: '2026-01', count: 3, impactScore: 210.25, businessValue: 0.2 },
      { month: '2026-02', count: 2, impactScore: 150.5, businessValue: 1000.1 },
    ]);
  });

  it('merges entries of the same month and leaves out empty ones', () => {
    expect(
      toTimeline([
        { monthStart: new Date('2026-05-01T00:00:00Z'), count: 1, totalImpactScore: '10.10', totalBusinessValue: '0.10' },
        { monthStart: new Date('2026-05-20T00:00:00Z'), count: 2, totalImpactScore: '20.20', totalBusinessValue: '0.20' },
        { monthStart: new Date('2026-06-01T00:00:00Z'), count: 0, totalImpactScore: null, totalBusinessValue: null },
      ]),
    ).toEqual([{ month: '2026-05', count: 3, impactScore: 30.3, businessValue: 0.3 }]);
  });
});

describe('achievementRoi', () => {
  it('divides the business value by the saved hours priced at $100 per hour, to 2 decimals', () => {
    expect(achievementRoi(25000, 23.75, 2)).toBe(10.53);
    expect(achievementRoi(1000, 10, 1)).toBe(1);
    expect(achievementRoi(0, 5, 1)).toBe(0);
  });

  it('is null when no business value is known', () => {
    expect(achievementRoi(0, 10, 0)).toBeNull();
  });

  it('is null when no time was saved', () => {
    expect(achievementRoi(5000, 0, 1)).toBeNull();
  });

  it('is null for an empty set', () => {
    expect(summarizeStats(EMPTY).roi).toBeNull();
  });
});

describe('summarizeStats (sources, months, ROI)', () => {
  it('orders sources by count then name, builds the timeline and the ROI', () => {
    const stats = summarizeStats({
      ...EMPTY,
      count: 4,
      portfolioReadyCount: 1,
      averageImpactScore: '62.5',
      totalTimeSavedHours: '20.00',
      totalBusinessValue: '3000.00',
      businessValueCount: 1,
      bySource: [
        { sourceType: 'MANUAL', count: 1 },
        { sourceType: 'GITHUB_PR', count: 2 },
        { sourceType: 'GITHUB_ISSUE', count: 1 },
      ],
      byMonth: [
        { monthStart: new Date('2026-04-01T00:00:00Z'), count: 1, totalImpactScore: '50.00', totalBusinessValue: null },
        { monthStart: new Date('2026-03-01T00:00:00Z'), count: 3, totalImpactScore: '200.00', totalBusinessValue: '3000.00' },
      ],
    });
    expect(stats.bySource).toEqual([
      { sourceType: 'GITHUB_PR', count: 2 },
      { sourceType: 'GITHUB_ISSUE', count: 1 },
      { sourceType: 'MANUAL', count: 1 },
    ]);
    expect(stats.timeline).toEqual([
      { month: '2026-03', count: 3, impactScore: 200, businessValue: 3000 },
      { month: '2026-04', count: 1, impactScore: 50, businessValue: 0 },
    ]);
    expect(stats.roi).toBe(1.5);
  });
});
