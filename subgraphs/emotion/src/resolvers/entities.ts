import type { EmotionTrajectoryResolvers, PostResolvers } from './types.generated';
import { segmentRowView, trajectoryView, transitionRowView } from './views';

/**
 * `Post` (owned by content): reference resolution and its `emotionTrajectory` field.
 *
 * - `__resolveReference`: any post id is a valid reference; the trajectory is looked up when selected.
 * - `emotionTrajectory`: through the post-id loader (one query per batch of posts); null until analysed.
 */
export const Post: PostResolvers = {
  __resolveReference(ref) {
    return { id: ref.id };
  },
  async emotionTrajectory(post, _args, ctx) {
    const row = await ctx.loaders.trajectoryByPostId.load(post.id);
    return row ? trajectoryView(row, row.link_post_id) : null;
  },
};

/**
 * `EmotionTrajectory`: reference resolution (through the id loader; null for an unknown or
 * malformed id) and its lists, loaded by trajectory id (segments by position, transitions in order).
 */
export const EmotionTrajectory: EmotionTrajectoryResolvers = {
  async __resolveReference(ref, ctx) {
    const row = await ctx.loaders.trajectoryById.load(ref.id);
    return row ? trajectoryView(row) : null;
  },
  async segments(trajectory, _args, ctx) {
    return (await ctx.loaders.segmentsByTrajectoryId.load(trajectory.id)).map(segmentRowView);
  },
  async transitions(trajectory, _args, ctx) {
    return (await ctx.loaders.transitionsByTrajectoryId.load(trajectory.id)).map(transitionRowView);
  },
};
