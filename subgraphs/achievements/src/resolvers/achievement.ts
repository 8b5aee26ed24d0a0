import { isAchievementId } from './inputs';
import type { AchievementResolvers } from './types.generated';

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
