import { z } from 'zod';
import { ConflictError, NotFoundError, ValidationError } from '../../../../lib/errors';
import { validateInput } from '../../../../lib/graphql';
import type { AchievementsContext } from '../context';
import { DuplicateSourceError, deleteAchievement, insertAchievement, lockAchievement, updateAchievement } from '../db/repositories/achievements';
import { TIMELINE_MESSAGE, achievementId, createAchievementInput, updateAchievementInput } from '../domain/achievement-input';
import { isTimelineValid } from '../domain/timeline';
import { publishAchievementCreated } from '../messaging/achievement-events';
import { toAchievement, toAchievementChanges, toNewAchievementRow } from './achievement-mapping';
import type { Achievement } from './achievement-mapping';

const ENTITY = 'Achievement';
const createArgs = z.object({ input: createAchievementInput });
const updateArgs = z.object({ id: achievementId, input: updateAchievementInput });
const deleteArgs = z.object({ id: achievementId });

/**
 * Publishes `achievement.created` after the row is committed. A failure is logged and counted,
 * not thrown: the row stays (an outbox table would make the event as durable as the row).
 */
async function announceCreated(ctx: AchievementsContext, id: string): Promise<void> {
  try {
    await publishAchievementCreated(ctx.js, ctx.subjects, id);
  } catch (err) {
    ctx.metrics.eventPublishFailures.inc();
    ctx.logger.error({ err, achievementId: id }, 'achievement.created event not published');
  }
}

/** `Mutation` resolvers: create, update, delete achievements. */
export const mutationResolvers = {
  /**
   * Stores an achievement, then publishes `events.achievements.achievement.created`.
   *
   * @throws {ValidationError} on invalid input
   * @throws {ConflictError} when an achievement with the same (sourceType, sourceId) exists
   */
  async createAchievement(_: unknown, args: { input: unknown }, ctx: AchievementsContext): Promise<Achievement> {
    const { input } = validateInput(createArgs, args);
    let row;
    try {
      row = await insertAchievement(ctx.db, toNewAchievementRow(input, ctx.caller.sub));
    } catch (err) {
      if (err instanceof DuplicateSourceError) {
        throw new ConflictError(`An achievement from ${input.sourceType} ${input.sourceId ?? ''} already exists`, { cause: err });
      }
      throw err;
    }
    ctx.metrics.created.inc({ source_type: row.source_type });
    await announceCreated(ctx, row.id);
    return toAchievement(row);
  },

  /**
   * Changes the given fields of an achievement, in one transaction (row locked, timeline checked
   * against the stored dates).
   *
   * @throws {ValidationError} on invalid input, or completedAt before startedAt after the change
   * @throws {NotFoundError} when the achievement does not exist
   */
  async updateAchievement(_: unknown, args: { id: string; input: unknown }, ctx: AchievementsContext): Promise<Achievement> {
    const { id, input } = validateInput(updateArgs, args);
    const row = await ctx.db.transaction().execute(async (trx) => {
      const current = await lockAchievement(trx, id);
      if (!current) throw new NotFoundError(ENTITY, id);
      const startedAt = input.startedAt === undefined ? current.started_at : input.startedAt;
      const completedAt = input.completedAt === undefined ? current.completed_at : input.completedAt;
      if (!isTimelineValid(startedAt, completedAt)) {
        throw new ValidationError(`Invalid input: input.completedAt: ${TIMELINE_MESSAGE}`, { 'input.completedAt': TIMELINE_MESSAGE });
      }
      const updated = await updateAchievement(trx, id, toAchievementChanges(input));
      if (!updated) throw new NotFoundError(ENTITY, id);
      return updated;
    });
    ctx.loaders.achievementById.clear(id).prime(id, row);
    return toAchievement(row);
  },

  /**
   * Deletes an achievement.
   *
   * @throws {ValidationError} when the id is not a UUID
   * @throws {NotFoundError} when the achievement does not exist
   */
  async deleteAchievement(_: unknown, args: { id: string }, ctx: AchievementsContext): Promise<{ id: string }> {
    const { id } = validateInput(deleteArgs, args);
    if (!(await deleteAchievement(ctx.db, id))) throw new NotFoundError(ENTITY, id);
    ctx.loaders.achievementById.clear(id);
    return { id };
  },
};
