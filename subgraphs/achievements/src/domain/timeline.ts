const MS_PER_HOUR = 3_600_000;

/**
 * Hours between the start and the end of the work, rounded to 2 decimals (the column's
 * precision); null when either end is unknown or the end precedes the start.
 *
 * @example deriveDurationHours(new Date('2026-01-01T09:00Z'), new Date('2026-01-01T11:30Z')) // 2.5
 */
export function deriveDurationHours(startedAt: Date | null | undefined, completedAt: Date | null | undefined): number | null {
  if (!startedAt || !completedAt) return null;
  const ms = completedAt.getTime() - startedAt.getTime();
  if (ms < 0) return null;
  return Math.round((ms / MS_PER_HOUR) * 100) / 100;
}

/** True when the timeline is consistent: an unknown end, an unknown start, or end >= start. */
export function isTimelineValid(startedAt: Date | null | undefined, completedAt: Date | null | undefined): boolean {
  return !startedAt || !completedAt || completedAt.getTime() >= startedAt.getTime();
}
