/** One month of the API's `AchievementStats.timeline`. */
export interface AchievementMonth {
  /** `YYYY-MM` (UTC). */
  month: string;
  /** Achievements of the month. */
  count: number;
  /** Known business value of the month, USD. */
  businessValue: number;
}

/** One point of the timeline chart. */
export interface TimelinePoint extends AchievementMonth {
  /** Short label of the month, e.g. `Mar 2026`. */
  label: string;
}

const MONTH = /^(\d{4})-(\d{2})$/;
const LABEL = new Intl.DateTimeFormat('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });

function monthIndex(month: string): number {
  const match = MONTH.exec(month);
  if (!match) throw new Error(`not a YYYY-MM month: ${month}`);
  return Number(match[1]) * 12 + Number(match[2]) - 1;
}

function monthOf(index: number): string {
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * The achievements-per-month series of the timeline chart: every month from the first to the last
 * of `timeline`, oldest first, the months the API leaves out (none that month) at zero, so
 * the bars are evenly spaced in time.
 *
 * @throws {Error} for a month not written `YYYY-MM`
 * @example timelineChartData([{ month: '2026-01', count: 2, businessValue: 100 }, { month: '2026-03', count: 1, businessValue: 0 }])
 *   // Jan 2026: 2, Feb 2026: 0, Mar 2026: 1
 */
export function timelineChartData(timeline: readonly AchievementMonth[]): TimelinePoint[] {
  if (timeline.length === 0) return [];
  const byIndex = new Map(timeline.map((entry) => [monthIndex(entry.month), entry]));
  const indexes = [...byIndex.keys()];
  const first = Math.min(...indexes);
  const last = Math.max(...indexes);
  const points: TimelinePoint[] = [];
  for (let index = first; index <= last; index += 1) {
    const month = monthOf(index);
    const entry = byIndex.get(index);
    const label = LABEL.format(new Date(Date.UTC(Math.floor(index / 12), index % 12, 1)));
    points.push({ month, label, count: entry?.count ?? 0, businessValue: entry?.businessValue ?? 0 });
  }
  return points;
}
