import { describe, expect, it } from 'vitest';
import { timelineChartData } from './timeline-chart-data';

describe('timelineChartData', () => {
  it('lists every month from the first to the last, the missing ones at zero, across a new year', () => {
    expect(
      timelineChartData([
        { month: '2025-11', count: 2, businessValue: 1500 },
        { month: '2026-02', count: 1, businessValue: 0 },
      ]),
    ).toEqual([
      { month: '2025-11', label: 'Nov 2025', count: 2, businessValue: 1500 },
      { month: '2025-12', label: 'Dec 2025', count: 0, businessValue: 0 },
      { month: '2026-01', label: 'Jan 2026', count: 0, businessValue: 0 },
      { month: '2026-02', label: 'Feb 2026', count: 1, businessValue: 0 },
    ]);
  });

  it('orders months given out of order, and is empty without any', () => {
    expect(timelineChartData([{ month: '2026-03', count: 4, businessValue: 10 }, { month: '2026-02', count: 3, businessValue: 20 }]).map((p) => [p.month, p.count])).toEqual([
      ['2026-02', 3],
      ['2026-03', 4],
    ]);
    expect(timelineChartData([])).toEqual([]);
  });

  it('refuses a month not written YYYY-MM', () => {
    expect(() => timelineChartData([{ month: '2026-3', count: 1, businessValue: 0 }])).toThrow('not a YYYY-MM month: 2026-3');
  });
});
