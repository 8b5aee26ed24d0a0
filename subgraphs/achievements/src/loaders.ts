import DataLoader from 'dataloader';
import type { AchievementRow } from './db/database';
import { findAchievementsByIds } from './db/repositories/achievements';
import type { AchievementsDb } from './db/repositories/achievements';

/** The DataLoaders of one request. */
export interface AchievementsLoaders {
  /** Achievement row by id (null when absent); one `where id in (...)` query per batch. */
  achievementById: DataLoader<string, AchievementRow | null>;
}

/** Creates fresh DataLoaders for one request (no caching across requests). */
export function createLoaders(db: AchievementsDb): AchievementsLoaders {
  return {
    achievementById: new DataLoader<string, AchievementRow | null>(async (ids) => {
      const rows = await findAchievementsByIds(db, ids);
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
