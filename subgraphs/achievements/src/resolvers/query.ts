import { validateInput } from '../../../../lib/graphql';
import { getAchievementStats } from '../operations/get-achievement-stats';
import { countListedAchievements, listAchievements } from '../operations/list-achievements';
import { achievementFilterInput, achievementIdArgs } from './inputs';
import type { AchievementConnectionResolvers, QueryResolvers } from './types.generated';

/** `Query` resolvers: the achievements connection, one achievement, stats. */
export const achievementQueries: QueryResolvers = {
  /**
   * Keyset-paginated achievements, newest first (default) or highest impact first; the rows
   * prime the request's `achievementById` loader.
   *
   * @throws {ValidationError} on a bad filter, `first` outside 0..100 or a foreign/malformed cursor
   */
  async achievements(_, args, ctx) {
    const filter = validateInput(achievementFilterInput, args.filter);
    const listed = await listAchievements(ctx.db, filter, args);
    for (const { node } of listed.edges) ctx.loaders.achievementById.prime(node.id, node);
    return listed;
  },

  /**
   * One achievement by id (through the request's loader); null when unknown.
   *
   * @throws {ValidationError} when the id is not a UUID
   */
  async achievement(_, args, ctx) {
    const { id } = validateInput(achievementIdArgs, args);
    return ctx.loaders.achievementById.load(id);
  },

  /**
   * Aggregates of the achievements matching the filter.
   *
   * @throws {ValidationError} on a bad filter
   */
  async achievementStats(_, args, ctx) {
    const filter = validateInput(achievementFilterInput, args.filter);
    return getAchievementStats(ctx.db, filter);
  },
};

/** `AchievementConnection.totalCount`: counted only when selected. */
export const AchievementConnection: AchievementConnectionResolvers = {
  totalCount: (parent, _, ctx) => countListedAchievements(ctx.db, parent),
};
