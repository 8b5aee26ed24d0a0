import { validateInput } from '../../../../lib/graphql';
import { createAchievement } from '../operations/create-achievement';
import { deleteAchievement } from '../operations/delete-achievement';
import { updateAchievement } from '../operations/update-achievement';
import { achievementIdArgs, createAchievementArgs, updateAchievementArgs } from './inputs';
import type { MutationResolvers } from './types.generated';

/** `Mutation` resolvers: create, update, delete achievements (each validates, then runs its operation). */
export const achievementMutations: MutationResolvers = {
  /**
   * Stores an achievement created by the caller, then publishes `events.achievements.achievement.created`.
   *
   * @throws {ValidationError} on invalid input
   * @throws {ConflictError} when an achievement with the same (sourceType, sourceId) exists
   */
  async createAchievement(_, args, ctx) {
    const { input } = validateInput(createAchievementArgs, args);
    return createAchievement(ctx, input, ctx.caller.sub);
  },

  /**
   * Changes the given fields of an achievement; the request's loader then holds the new row.
   *
   * @throws {ValidationError} on invalid input, or completedAt before startedAt after the change
   * @throws {NotFoundError} when the achievement does not exist
   */
  async updateAchievement(_, args, ctx) {
    const { id, input } = validateInput(updateAchievementArgs, args);
    const row = await updateAchievement(ctx.db, id, input);
    ctx.loaders.achievementById.clear(id).prime(id, row);
    return row;
  },

  /**
   * Deletes an achievement and forgets it in the request's loader.
   *
   * @throws {ValidationError} when the id is not a UUID
   * @throws {NotFoundError} when the achievement does not exist
   */
  async deleteAchievement(_, args, ctx) {
    const { id } = validateInput(achievementIdArgs, args);
    await deleteAchievement(ctx.db, id);
    ctx.loaders.achievementById.clear(id);
    return { id };
  },
};
