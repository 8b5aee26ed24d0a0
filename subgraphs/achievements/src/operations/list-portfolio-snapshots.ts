import { parsePageArgs, toConnection } from '../../../../lib/graphql';
import type { Connection } from '../../../../lib/graphql';
import type { PortfolioSnapshotParent } from '../db/database';
import type { AchievementsDb } from '../db/repositories/achievements';
import { listPortfolioSnapshots as listSnapshotRows } from '../db/repositories/portfolio-snapshots';
import type { PortfolioFormat } from '../domain/portfolio-enums';

/** Arguments of `Query.portfolioSnapshots` (page arguments not yet validated). */
export interface PortfolioSnapshotListArgs {
  /** Page size, 0..100; 20 when null or undefined. */
  first?: number | null | undefined;
  /** Cursor of the last edge of the previous page. */
  after?: string | null | undefined;
  /** Only snapshots of this format; all when undefined. */
  format?: PortfolioFormat | undefined;
}

/**
 * One keyset-paginated page of portfolio snapshots, newest first (ties by id), without their
 * content (`PortfolioSnapshot.content` loads it when selected).
 *
 * @throws {ValidationError} when `first` is outside 0..100 or `after` is malformed
 */
export async function listPortfolioSnapshots(db: AchievementsDb, args: PortfolioSnapshotListArgs): Promise<Connection<PortfolioSnapshotParent>> {
  const page = parsePageArgs(args.first, args.after);
  const rows = await listSnapshotRows(db, { format: args.format }, page);
  return toConnection(rows, page);
}
