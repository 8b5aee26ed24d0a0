import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { AchievementCategory, AchievementSourceType, BusinessValueMethod } from '../domain/achievement-enums';
import type { PortfolioFormat, PortfolioTemplate } from '../domain/portfolio-enums';

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
  /** How `business_value` was estimated (`BusinessValueMethod`); null when given by hand or unknown. */
  business_value_method: BusinessValueMethod | null;
  /** Confidence of the estimate, 0..1; null when given by hand or unknown. */
  business_value_confidence: Numeric | null;
  /** How the scores were computed: `{ impact: [{ rule, points }], complexity: [...], notes: [...] }`. */
  score_breakdown: Json;
  /** Portfolio order, 0..100 (higher first), default 50. */
  display_priority: ColumnType<number, number | undefined, number>;
  /** `sub` of the caller who created the row; null for rows from before authentication. */
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** Processing state of a webhook delivery. */
export type DeliveryStatus = 'RECEIVED' | 'PROCESSED' | 'IGNORED' | 'FAILED';

/** `achievements.webhook_deliveries`: one verified GitHub delivery, by its `X-GitHub-Delivery` id. */
export interface WebhookDeliveriesTable {
  delivery_id: string;
  /** `X-GitHub-Event`, e.g. `pull_request`. */
  event: string;
  /** The payload's `action`, when it has one. */
  action: string | null;
  status: ColumnType<DeliveryStatus, DeliveryStatus | undefined, DeliveryStatus>;
  /** The verified JSON body. */
  payload: ColumnType<unknown, string, string>;
  /** What processing did, in words (e.g. `achievement created`, `not significant`). */
  outcome: string | null;
  /** Last processing error (FAILED). */
  error: string | null;
  achievement_id: string | null;
  received_at: Generated<Date>;
  /** When JetStream accepted the delivery's message; null means "to (re)publish". */
  published_at: Timestamp | null;
  processed_at: Timestamp | null;
}

/** `achievements.pr_achievements`: the merged pull request behind an achievement. */
export interface PrAchievementsTable {
  id: Generated<string>;
  achievement_id: string;
  /** `owner/repo`. */
  repository: string;
  pr_number: number;
  title: string;
  description: ColumnType<string, string | undefined, string>;
  /** GitHub login of the PR's author. */
  author: string;
  merged_at: Timestamp;
  additions: number;
  deletions: number;
  changed_files: number;
  /** Number of commits; null when unknown (no `GITHUB_TOKEN`). */
  commits: number | null;
  /** Number of reviews; null when unknown (no `GITHUB_TOKEN`). */
  review_count: number | null;
  /** Logins of the reviewers. */
  reviewers: ColumnType<string[], string | undefined, string>;
  labels: ColumnType<string[], string | undefined, string>;
  created_at: Generated<Date>;
}

/** `achievements.pr_code_changes`: one file changed by a PR (from GitHub's REST API). */
export interface PrCodeChangesTable {
  id: Generated<string>;
  pr_achievement_id: string;
  file_path: string;
  /** Language from the file extension; null when unknown. */
  language: string | null;
  /** `feature`, `bugfix`, `refactor`, `test` or `docs`. */
  change_type: string;
  lines_added: number;
  lines_deleted: number;
}

/** `achievements.git_commits`: a commit seen in a push to a default branch or in a PR. */
export interface GitCommitsTable {
  id: Generated<string>;
  repository: string;
  sha: string;
  message: string;
  author: string;
  committed_at: Timestamp;
  branch: string | null;
  files_changed: ColumnType<number, number | undefined, number>;
  additions: number | null;
  deletions: number | null;
  /** Conventional-commit type the seed counts (feat, fix, perf, refactor, security, breaking). */
  is_significant: ColumnType<boolean, boolean | undefined, boolean>;
  /** `AchievementCategory` from the conventional-commit type; null when none. */
  category: string | null;
  pr_achievement_id: string | null;
  created_at: Generated<Date>;
}

/**
 * `achievements.portfolio_snapshots`: one exported portfolio, content stored whole. `version` is
 * `YYYYMMDD_HHMMSS` (UTC creation time), suffixed `_2`, `_3`... to stay unique per format.
 * Totals are over the exported achievements: impact points (sum of 0..100 scores), USD, hours.
 */
export interface PortfolioSnapshotsTable {
  id: Generated<string>;
  version: string;
  format: PortfolioFormat;
  /** The template the filter started from; null when none. */
  template: PortfolioTemplate | null;
  /** The rendered document (Markdown, JSON or HTML). */
  content: string;
  total_achievements: number;
  /** Sum of the impact scores (2 decimals). */
  total_impact_score: Numeric;
  /** Sum of the known business values, in USD (2 decimals). */
  total_business_value: Numeric;
  /** Sum of the hours saved (2 decimals). */
  total_time_saved_hours: Numeric;
  /** The effective filter (template defaults with explicit fields applied). */
  filter: Json;
  /** `sub` of the caller who exported it. */
  created_by: string | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** Typed tables of the `achievements` schema. */
export interface AchievementsDatabase {
  achievements: AchievementsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  pr_achievements: PrAchievementsTable;
  pr_code_changes: PrCodeChangesTable;
  git_commits: GitCommitsTable;
  portfolio_snapshots: PortfolioSnapshotsTable;
}

/** An achievement as read from Postgres (snake_case, numerics as decimal strings). */
export type AchievementRow = Selectable<AchievementsTable>;
/** Values of an inserted achievement. */
export type NewAchievementRow = Insertable<AchievementsTable>;
/** Changed columns of an updated achievement. */
export type AchievementRowChanges = Updateable<AchievementsTable>;
/** A stored webhook delivery. */
export type WebhookDeliveryRow = Selectable<WebhookDeliveriesTable>;
/** A stored PR behind an achievement. */
export type PrAchievementRow = Selectable<PrAchievementsTable>;
/** A stored portfolio snapshot (numerics as decimal strings). */
export type PortfolioSnapshotRow = Selectable<PortfolioSnapshotsTable>;
/** Values of an inserted portfolio snapshot. */
export type NewPortfolioSnapshotRow = Insertable<PortfolioSnapshotsTable>;
/**
 * A snapshot as resolvers receive it: `content` only when it was read (an export has it; lists
 * and lookups leave it out, as it can be megabytes, and `PortfolioSnapshot.content` loads it).
 */
export type PortfolioSnapshotParent = Omit<PortfolioSnapshotRow, 'content'> & Partial<Pick<PortfolioSnapshotRow, 'content'>>;
