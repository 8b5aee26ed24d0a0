import type { EmotionContext } from '../context';
import { segmentRowView, trajectoryView, transitionRowView } from './views';
import type { SegmentView, TrajectoryView, TransitionView } from './views';

/** `Post` (owned by content): reference resolution and its `emotionTrajectory` field. */
export const postResolvers = {
  /** Any post id is a valid reference; the trajectory is looked up when selected. */
  __resolveReference(ref: { id: string }): { id: string } {
    return { id: ref.id };
  },
  /** Through the post-id loader (one query per batch of posts); null until analysed. */
  async emotionTrajectory(post: { id: string }, _args: unknown, ctx: EmotionContext): Promise<TrajectoryView | null> {
    const row = await ctx.loaders.trajectoryByPostId.load(post.id);
    return row ? trajectoryView(row, row.link_post_id) : null;
  },
};

/** `EmotionTrajectory`: reference resolution and its loaded lists. */
export const trajectoryResolvers = {
  /** Through the id loader; null for an unknown or malformed id. */
  async __resolveReference(ref: { id: string }, ctx: EmotionContext): Promise<TrajectoryView | null> {
    const row = await ctx.loaders.trajectoryById.load(ref.id);
    return row ? trajectoryView(row) : null;
  },
  async segments(trajectory: TrajectoryView, _args: unknown, ctx: EmotionContext): Promise<SegmentView[]> {
    return (await ctx.loaders.segmentsByTrajectoryId.load(trajectory.id)).map(segmentRowView);
  },
  async transitions(trajectory: TrajectoryView, _args: unknown, ctx: EmotionContext): Promise<TransitionView[]> {
    return (await ctx.loaders.transitionsByTrajectoryId.load(trajectory.id)).map(transitionRowView);
  },
};
