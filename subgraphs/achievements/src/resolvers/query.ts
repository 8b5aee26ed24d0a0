import { z } from 'zod';
import { parsePageArgs, toConnection, validateInput } from '../../../../lib/graphql';
import type { Connection } from '../../../../lib/graphql';
import type { AchievementsContext } from '../context';
import type { AchievementRow } from '../db/database';
import { countAchievements, listAchievements } from '../db/repositories/achievements';
import type { AchievementListFilter } from '../db/repositories/achievement-filter';
import { aggregateAchievements } from '../db/repositories/stats';
import { achievementFilterInput, achievementId } from '../domain/achievement-input';
import { summarizeStats } from '../domain/achievement-stats';
import type { AchievementStats } from '../domain/achievement-stats';
import { decodeScoreCursor, toScoreConnection } from '../pagination/score-cursor';
import { toAchievement } from './achievement-mapping';
import type { Achievement } from './achievement-mapping';

/** Order of the `achievements` connection (GraphQL `AchievementOrder`). */
export type AchievementOrder = 'CREATED_AT_DESC' | 'IMPACT_SCORE_DESC';

/** Arguments of `Query.achievements`. */
export interface AchievementsArgs {
  first?: number | null;
  after?: string | null;
  filter?: unknown;
  orderBy?: AchievementOrder | null;
}

/** The `AchievementConnection` before `totalCount` (resolved lazily from `filter`). */
export type AchievementConnection = Connection<Achievement> & { filter: AchievementListFilter };

const idArgs = z.object({ id: achievementId });

async function fetchPage(ctx: AchievementsContext, args: AchievementsArgs, filter: AchievementListFilter): Promise<Connection<AchievementRow>> {
  if (args.orderBy === 'IMPACT_SCORE_DESC') {
    const { limit } = parsePageArgs(args.first, null);
    const after = args.after ? decodeScoreCursor(args.after) : null;
    const rows = await listAchievements(ctx.db, filter, { order: 'IMPACT_SCORE_DESC', limit, after });
    return toScoreConnection(rows, { limit, after }, (row) => row.impact_score);
  }
  const page = parsePageArgs(args.first, args.after);
  const rows = await listAchievements(ctx.db, filter, { order: 'CREATED_AT_DESC', limit: page.limit, after: page.after });
  return toConnection(rows, page);
}

/** `Query` resolvers: the achievements connection, one achievement, stats. */
export const queryResolvers = {
  /**
   * Keyset-paginated achievements, newest first (default) or highest impact first.
   *
   * @throws {ValidationError} on a bad filter, `first` outside 0..100 or a foreign/malformed cursor
   */
  async achievements(_: unknown, args: AchievementsArgs, ctx: AchievementsContext): Promise<AchievementConnection> {
    const filter = validateInput(achievementFilterInput, args.filter);
    const connection = await fetchPage(ctx, args, filter);
    for (const { node } of connection.edges) ctx.loaders.achievementById.prime(node.id, node);
    return {
      edges: connection.edges.map((edge) => ({ node: toAchievement(edge.node), cursor: edge.cursor })),
      pageInfo: connection.pageInfo,
      filter,
    };
  },

  /**
   * One achievement by id; null when unknown.
   *
   * @throws {ValidationError} when the id is not a UUID
   */
  async achievement(_: unknown, args: { id: string }, ctx: AchievementsContext): Promise<Achievement | null> {
    const { id } = validateInput(idArgs, args);
    const row = await ctx.loaders.achievementById.load(id);
    return row ? toAchievement(row) : null;
  },

  /**
   * Aggregates of the achievements matching the filter.
   *
   * @throws {ValidationError} on a bad filter
   */
  async achievementStats(_: unknown, args: { filter?: unknown }, ctx: AchievementsContext): Promise<AchievementStats> {
    const filter = validateInput(achievementFilterInput, args.filter);
    return summarizeStats(await aggregateAchievements(ctx.db, filter));
  },
};

/** `AchievementConnection.totalCount`: counted only when selected. */
export const connectionResolvers = {
  totalCount(parent: AchievementConnection, _: unknown, ctx: AchievementsContext): Promise<number> {
    return countAchievements(ctx.db, parent.filter);
  },
};
