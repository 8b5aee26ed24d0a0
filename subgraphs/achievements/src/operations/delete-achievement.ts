import { NotFoundError } from '../../../../lib/errors';
import { deleteAchievement as deleteAchievementRow } from '../db/repositories/achievements';
import type { AchievementsDb } from '../db/repositories/achievements';

/**
 * Deletes an achievement.
 *
 * @throws {NotFoundError} when the achievement does not exist
 */
export async function deleteAchievement(db: AchievementsDb, id: string): Promise<void> {
  if (!(await deleteAchievementRow(db, id))) throw new NotFoundError('Achievement', id);
}
