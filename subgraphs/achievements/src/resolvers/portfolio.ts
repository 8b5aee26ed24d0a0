import { loadExisting, validateInput } from '../../../../lib/graphql';
import { exportPortfolio } from '../operations/export-portfolio';
import { listPortfolioSnapshots } from '../operations/list-portfolio-snapshots';
import { exportPortfolioArgs, isPortfolioSnapshotId, portfolioSnapshotIdArgs, portfolioSnapshotsArgs } from './inputs';
import type { MutationResolvers, PortfolioSnapshotResolvers, QueryResolvers } from './types.generated';

/** `Query` resolvers of exported portfolios: the snapshots connection and one snapshot. */
export const portfolioQueries: Pick<QueryResolvers, 'portfolioSnapshots' | 'portfolioSnapshot'> = {
  /**
   * Keyset-paginated snapshots, newest first, optionally of one format; the rows prime the
   * request's `portfolioSnapshotById` loader.
   *
   * @throws {ValidationError} on `first` outside 0..100 or a malformed cursor
   */
  async portfolioSnapshots(_, args, ctx) {
    const { format } = validateInput(portfolioSnapshotsArgs, args);
    const connection = await listPortfolioSnapshots(ctx.db, { first: args.first, after: args.after, format });
    for (const { node } of connection.edges) ctx.loaders.portfolioSnapshotById.prime(node.id, node);
    return connection;
  },

  /**
   * One snapshot by id (through the request's loader); null when unknown.
   *
   * @throws {ValidationError} when the id is not a UUID
   */
  async portfolioSnapshot(_, args, ctx) {
    const { id } = validateInput(portfolioSnapshotIdArgs, args);
    return ctx.loaders.portfolioSnapshotById.load(id);
  },
};

/** `Mutation` resolvers of exported portfolios. */
export const portfolioMutations: Pick<MutationResolvers, 'exportPortfolio'> = {
  /**
   * Renders and stores a portfolio of the achievements matching the filter, as the caller.
   *
   * @throws {ValidationError} on an invalid filter
   * @throws {NoPortfolioAchievementsError} (`NOT_FOUND`) when no achievement matches
   */
  async exportPortfolio(_, args, ctx) {
    const { format, filter } = validateInput(exportPortfolioArgs, args);
    return exportPortfolio(ctx.db, { format, filter }, ctx.caller.sub);
  },
};

/**
 * `PortfolioSnapshot` resolvers. The parent is the stored row, `content` only when it was read
 * (an export): otherwise it is loaded when selected. Decimal strings become numbers.
 */
export const PortfolioSnapshot: PortfolioSnapshotResolvers = {
  /** Resolves `{ __typename: "PortfolioSnapshot", id }` references through the request's loader; a non-UUID or unknown id gives null. */
  async __resolveReference(reference, ctx) {
    if (!isPortfolioSnapshotId(reference.id)) return null;
    return ctx.loaders.portfolioSnapshotById.load(reference.id);
  },
  content: (row, _, ctx) => row.content ?? loadExisting(ctx.loaders.portfolioContentById.load(row.id), 'PortfolioSnapshot', row.id),
  totalAchievements: (row) => row.total_achievements,
  totalImpactScore: (row) => Number(row.total_impact_score),
  totalBusinessValue: (row) => Number(row.total_business_value),
  totalTimeSavedHours: (row) => Number(row.total_time_saved_hours),
  createdAt: (row) => row.created_at,
  createdBy: (row) => row.created_by,
};
