const MS_PER_HOUR = 3_600_000;

/** Why a timeline is rejected (the message of the `completedAt` field). */
export const TIMELINE_MESSAGE = 'completedAt must not be before startedAt';

/** When the work started and was finished; null when unknown. */
export interface Timeline {
  startedAt: Date | null;
  completedAt: Date | null;
}

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

/**
 * Hours spent on a new achievement: the given hours, else derived from the timeline
 * ({@link deriveDurationHours}); null when neither is known.
 *
 * @example durationHoursOf(undefined, new Date('2026-02-01T08:00Z'), new Date('2026-02-01T14:45Z')) // 6.75
 */
export function durationHoursOf(
  givenHours: number | null | undefined,
  startedAt: Date | null | undefined,
  completedAt: Date | null | undefined,
): number | null {
  return givenHours ?? deriveDurationHours(startedAt, completedAt);
}

/** True when the timeline is consistent: an unknown end, an unknown start, or end >= start. */
export function isTimelineValid(startedAt: Date | null | undefined, completedAt: Date | null | undefined): boolean {
  return !startedAt || !completedAt || completedAt.getTime() >= startedAt.getTime();
}

/**
 * True when a stored timeline stays consistent ({@link isTimelineValid}) after a partial change:
 * an undefined end keeps its stored value, null clears it.
 */
export function isTimelineValidAfterChange(
  stored: Timeline,
  change: { startedAt?: Date | null | undefined; completedAt?: Date | null | undefined },
): boolean {
  const startedAt = change.startedAt === undefined ? stored.startedAt : change.startedAt;
  const completedAt = change.completedAt === undefined ? stored.completedAt : change.completedAt;
  return isTimelineValid(startedAt, completedAt);
}
