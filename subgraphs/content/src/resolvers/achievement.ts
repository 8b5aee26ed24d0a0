import { parseListLimit } from '../../../../lib/graphql';
import { DEFAULT_ACHIEVEMENT_POSTS, isUuid } from './inputs';
import type { AchievementResolvers } from './types.generated';

/**
 * Parent of `Achievement` fields in content: the entity reference (the achievement itself is
 * owned by the achievements subgraph; content only knows the ids its posts carry).
 */
export interface AchievementReference {
  /** Lower-case UUID, as Postgres returns `posts.achievement_id`. */
  id: string;
}

/** The reference of an achievement id (lower-cased, so it matches the stored ids); null when not a UUID. */
export function achievementReference(id: string | null): AchievementReference | null {
  return id !== null && isUuid(id) ? { id: id.toLowerCase() } : null;
}

/**
 * Resolvers of content's part of `Achievement`. A reference resolves without a query (content
 * cannot tell whether achievements knows the id: any UUID is an achievement with maybe no
 * posts); `posts` goes through the `postsOfAchievement` DataLoader (one query per batch).
 */
export const achievementResolvers: AchievementResolvers = {
  __resolveReference: (ref) => achievementReference(ref.id),
  posts: (achievement, args, ctx) =>
    ctx.loaders.postsOfAchievement.load({ achievementId: achievement.id, limit: parseListLimit(args.first, DEFAULT_ACHIEVEMENT_POSTS) }),
};
