import DataLoader from 'dataloader';
import type { AchievementRow, PortfolioSnapshotParent, PrAchievementRow } from './db/database';
import { findAchievementsByIds } from './db/repositories/achievements';
import type { AchievementsDb } from './db/repositories/achievements';
import { findPortfolioContentsByIds, findPortfolioSnapshotsByIds } from './db/repositories/portfolio-snapshots';
import { findCodeChangesByPullRequestIds, findPullRequestsByAchievementIds } from './db/repositories/pull-requests';
import type { CodeChangeRow } from './db/repositories/pull-requests';

/** The DataLoaders of one request. */
export interface AchievementsLoaders {
  /** Achievement row by id (null when absent); one `where id in (...)` query per batch. */
  achievementById: DataLoader<string, AchievementRow | null>;
  /** The PR behind an achievement (null for other sources); one query per batch. */
  pullRequestByAchievementId: DataLoader<string, PrAchievementRow | null>;
  /** Changed files of a PR, by PR row id; one query per batch. */
  codeChangesByPullRequestId: DataLoader<string, CodeChangeRow[]>;
  /** Portfolio snapshot by id, without its content (null when absent); one query per batch. */
  portfolioSnapshotById: DataLoader<string, PortfolioSnapshotParent | null>;
  /** Content of a portfolio snapshot by id (null when absent); one query per batch. */
  portfolioContentById: DataLoader<string, string | null>;
}

/** Creates fresh DataLoaders for one request (no caching across requests). */
export function createLoaders(db: AchievementsDb): AchievementsLoaders {
  return {
    achievementById: new DataLoader<string, AchievementRow | null>(async (ids) => {
      const rows = await findAchievementsByIds(db, ids);
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    pullRequestByAchievementId: new DataLoader<string, PrAchievementRow | null>(async (ids) => {
      const rows = await findPullRequestsByAchievementIds(db, ids);
      const byId = new Map(rows.map((row) => [row.achievement_id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    codeChangesByPullRequestId: new DataLoader<string, CodeChangeRow[]>(async (ids) => {
      const rows = await findCodeChangesByPullRequestIds(db, ids);
      return ids.map((id) => rows.filter((row) => row.pr_achievement_id === id));
    }),
    portfolioSnapshotById: new DataLoader<string, PortfolioSnapshotParent | null>(async (ids) => {
      const rows = await findPortfolioSnapshotsByIds(db, ids);
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    portfolioContentById: new DataLoader<string, string | null>(async (ids) => {
      const rows = await findPortfolioContentsByIds(db, ids);
      const byId = new Map(rows.map((row) => [row.id, row.content]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
