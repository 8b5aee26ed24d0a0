import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { AchievementCategory, AchievementSourceType } from '../domain/achievement-enums';

/** Postgres schema owned by the achievements subgraph. */
export const ACHIEVEMENTS_SCHEMA = 'achievements';

/** `numeric` comes back from pg as a decimal string (exact); we write numbers. */
type Numeric = ColumnType<string, number | string, number | string>;
/** `timestamptz` read as `Date`. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** `jsonb` read as a parsed object, written as a JSON string (pg would turn arrays into PG arrays). */
type Json = ColumnType<Record<string, unknown>, string | undefined, string>;

/**
 * `achievements.achievements`: one engineering achievement. Scores are 0..100 (2 decimals),
 * hours are hours (2 decimals), `business_value` is an estimate in USD (2 decimals).
 * `(source_type, source_id)` is unique when `source_id` is set (one row per imported PR).
 */
export interface AchievementsTable {
  id: Generated<string>;
  title: string;
  description: Generated<string>;
  category: AchievementCategory;
  impact_score: Numeric;
  complexity_score: Numeric;
  /** Estimated business value in USD; null when unknown. */
  business_value: Numeric | null;
  time_saved_hours: ColumnType<string, number | string | undefined, number | string>;
  /** Working time spent, in hours; null when unknown. */
  duration_hours: Numeric | null;
  source_type: ColumnType<AchievementSourceType, AchievementSourceType | undefined, AchievementSourceType>;
  /** Id in the source system (e.g. `owner/repo#123` for a PR); null for manual entries. */
  source_id: string | null;
  source_url: string | null;
  portfolio_ready: Generated<boolean>;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  skills: ColumnType<string[], string[] | undefined, string[]>;
  /** Free-form measurements (e.g. `{ "p95LatencyMsBefore": 420 }`). */
  metrics: Json;
  started_at: Timestamp | null;
  completed_at: Timestamp | null;
  /** `sub` of the caller who created the row; null for rows from before authentication. */
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** Typed tables of the `achievements` schema. */
export interface AchievementsDatabase {
  achievements: AchievementsTable;
}

/** An achievement as read from Postgres (snake_case, numerics as decimal strings). */
export type AchievementRow = Selectable<AchievementsTable>;
/** Values of an inserted achievement. */
export type NewAchievementRow = Insertable<AchievementsTable>;
/** Changed columns of an updated achievement. */
export type AchievementRowChanges = Updateable<AchievementsTable>;
