import { achievementId } from '../domain/achievement-input';
import type { AchievementsContext } from '../context';
import { toAchievement } from './achievement-mapping';
import type { Achievement } from './achievement-mapping';

/** `Achievement` entity resolvers: reference resolution through the request's DataLoader. */
export const achievementResolvers = {
  /**
   * Resolves `{ __typename: "Achievement", id }` references (`_entities`); N references in one
   * request cost one `where id in (...)` query. A non-UUID or unknown id resolves to null.
   */
  async __resolveReference(reference: { id: string }, ctx: AchievementsContext): Promise<Achievement | null> {
    if (!achievementId.safeParse(reference.id).success) return null;
    const row = await ctx.loaders.achievementById.load(reference.id);
    return row ? toAchievement(row) : null;
  },
};
