import DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import type { EmotionDatabase, SegmentRow, TrajectoryRow, TransitionRow } from './db/database';
import { findSegmentsByTrajectoryIds, findTransitionsByTrajectoryIds } from './db/repositories/segments';
import { findTrajectoriesByIds, findTrajectoriesByPostIds } from './db/repositories/trajectories';
import type { TrajectoryByPostRow } from './db/repositories/trajectories';

/** The DataLoaders of one request: each batch is one SQL query. */
export interface EmotionLoaders {
  /** Trajectory by id; null when unknown or not a UUID. */
  trajectoryById: DataLoader<string, TrajectoryRow | null>;
  /** A post's trajectory through the link table; null when the post has none or the id is not a UUID. */
  trajectoryByPostId: DataLoader<string, TrajectoryByPostRow | null>;
  /** Segments of a trajectory, by position. */
  segmentsByTrajectoryId: DataLoader<string, SegmentRow[]>;
  /** Transitions of a trajectory, in order. */
  transitionsByTrajectoryId: DataLoader<string, TransitionRow[]>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Batch function for keys that are UUIDs: others (e.g. a malformed entity reference) resolve to
 * `missing` without reaching Postgres; the rest are fetched by one call of `fetch`.
 */
function byUuid<V, R>(
  fetch: (ids: string[]) => Promise<R[]>,
  keyOf: (row: R) => string,
  collect: (rows: R[]) => V,
  missing: V,
) {
  return async (keys: readonly string[]): Promise<V[]> => {
    const ids = [...new Set(keys.filter((key) => UUID.test(key)).map((key) => key.toLowerCase()))];
    const rows = ids.length > 0 ? await fetch(ids) : [];
    const grouped = new Map<string, R[]>();
    for (const row of rows) {
      const list = grouped.get(keyOf(row)) ?? [];
      list.push(row);
      grouped.set(keyOf(row), list);
    }
    return keys.map((key) => {
      const found = grouped.get(key.toLowerCase());
      return found ? collect(found) : missing;
    });
  };
}

/** Creates fresh loaders for one request (no caching across requests). */
export function createLoaders(db: Kysely<EmotionDatabase>): EmotionLoaders {
  const first = <R>(rows: R[]): R | null => rows[0] ?? null;
  return {
    trajectoryById: new DataLoader(byUuid((ids) => findTrajectoriesByIds(db, ids), (r) => r.id, first, null)),
    trajectoryByPostId: new DataLoader(
      byUuid((ids) => findTrajectoriesByPostIds(db, ids), (r) => r.link_post_id, first, null),
    ),
    segmentsByTrajectoryId: new DataLoader(
      byUuid((ids) => findSegmentsByTrajectoryIds(db, ids), (r) => r.trajectory_id, (rows) => rows, [] as SegmentRow[]),
    ),
    transitionsByTrajectoryId: new DataLoader(
      byUuid((ids) => findTransitionsByTrajectoryIds(db, ids), (r) => r.trajectory_id, (rows) => rows, [] as TransitionRow[]),
    ),
  };
}
