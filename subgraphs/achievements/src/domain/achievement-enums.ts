/** What an achievement is about (GraphQL `AchievementCategory`). */
export const ACHIEVEMENT_CATEGORIES = [
  'FEATURE',
  'PERFORMANCE',
  'RELIABILITY',
  'SECURITY',
  'INFRASTRUCTURE',
  'TESTING',
  'DOCUMENTATION',
  'ARCHITECTURE',
  'BUGFIX',
  'OTHER',
] as const;
/** One of {@link ACHIEVEMENT_CATEGORIES}. */
export type AchievementCategory = (typeof ACHIEVEMENT_CATEGORIES)[number];

/** Where an achievement came from (GraphQL `AchievementSourceType`); GitHub import comes later. */
export const ACHIEVEMENT_SOURCE_TYPES = ['MANUAL', 'GITHUB_PR'] as const;
/** One of {@link ACHIEVEMENT_SOURCE_TYPES}. */
export type AchievementSourceType = (typeof ACHIEVEMENT_SOURCE_TYPES)[number];
