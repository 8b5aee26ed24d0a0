import { isAchievementId } from './inputs';
import type { AchievementResolvers, CodeChangeResolvers, PullRequestResolvers } from './types.generated';

function toNumberOrNull(value: string | null): number | null {
  return value === null ? null : Number(value);
}

/**
 * `Achievement` resolvers. The parent is the stored row: decimal strings become numbers (an
 * unknown business value or duration stays null, not 0), snake_case columns become camelCase
 * fields; `id`, `title`, `description`, `category`, `tags`, `skills`, `metrics` are the columns.
 */
export const Achievement: AchievementResolvers = {
  /**
   * Resolves `{ __typename: "Achievement", id }` references (`_entities`) through the request's
   * DataLoader: N references in one request cost one `where id in (...)` query. A non-UUID or
   * unknown id resolves to null.
   */
  async __resolveReference(reference, ctx) {
    if (!isAchievementId(reference.id)) return null;
    return ctx.loaders.achievementById.load(reference.id);
  },
  impactScore: (row) => Number(row.impact_score),
  complexityScore: (row) => Number(row.complexity_score),
  businessValue: (row) => toNumberOrNull(row.business_value),
  businessValueMethod: (row) => row.business_value_method,
  businessValueConfidence: (row) => toNumberOrNull(row.business_value_confidence),
  scoreBreakdown: (row) => row.score_breakdown,
  displayPriority: (row) => row.display_priority,
  pullRequest: (row, _, ctx) => (row.source_type === 'GITHUB_PR' ? ctx.loaders.pullRequestByAchievementId.load(row.id) : null),
  timeSavedHours: (row) => Number(row.time_saved_hours),
  durationHours: (row) => toNumberOrNull(row.duration_hours),
  sourceType: (row) => row.source_type,
  sourceId: (row) => row.source_id,
  sourceUrl: (row) => row.source_url,
  portfolioReady: (row) => row.portfolio_ready,
  startedAt: (row) => row.started_at,
  completedAt: (row) => row.completed_at,
  createdBy: (row) => row.created_by,
  createdAt: (row) => row.created_at,
  updatedAt: (row) => row.updated_at,
};

/** `PullRequest` resolvers: the stored PR row. */
export const PullRequest: PullRequestResolvers = {
  number: (row) => row.pr_number,
  mergedAt: (row) => row.merged_at,
  changedFiles: (row) => row.changed_files,
  reviewCount: (row) => row.review_count,
  files: (row, _, ctx) => ctx.loaders.codeChangesByPullRequestId.load(row.id),
};

/** `CodeChange` resolvers: the stored file row. */
export const CodeChange: CodeChangeResolvers = {
  path: (row) => row.file_path,
  changeType: (row) => row.change_type,
  linesAdded: (row) => row.lines_added,
  linesDeleted: (row) => row.lines_deleted,
};
