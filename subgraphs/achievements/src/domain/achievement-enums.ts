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

/** Where an achievement came from (GraphQL `AchievementSourceType`). */
export const ACHIEVEMENT_SOURCE_TYPES = ['MANUAL', 'GITHUB_PR', 'GITHUB_ISSUE'] as const;
/** One of {@link ACHIEVEMENT_SOURCE_TYPES}. */
export type AchievementSourceType = (typeof ACHIEVEMENT_SOURCE_TYPES)[number];

/** How a business value was estimated (GraphQL `BusinessValueMethod`; seed-reference §2.4, first match wins). */
export const BUSINESS_VALUE_METHODS = [
  'TIME_SAVINGS',
  'PRODUCTIVITY_GAIN',
  'AUTOMATION',
  'QUALITY',
  'RISK_REDUCTION',
  'TECH_DEBT',
  'EXPLICIT',
  'SIZE_INFERENCE',
] as const;
/** One of {@link BUSINESS_VALUE_METHODS}. */
export type BusinessValueMethod = (typeof BUSINESS_VALUE_METHODS)[number];
