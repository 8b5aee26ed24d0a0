import { validateInput } from '../../../../lib/graphql';
import type { ContentContext } from '../context';
import { aggregatePosts } from '../db/repositories/stats';
import { costPerFollow } from '../domain/engagement';
import { idSchema } from './inputs';

/** Resolver of `contentStats`. */
export const statsResolvers = {
  Query: {
    async contentStats(_: unknown, args: { personaId?: string | null }, ctx: ContentContext) {
      const personaId = args.personaId ? validateInput(idSchema, args.personaId) : null;
      const totals = await aggregatePosts(ctx.db, personaId);
      return {
        ...totals,
        costPerPostUsd: totals.posts > 0 ? totals.costUsd / totals.posts : null,
        costPerFollowUsd: costPerFollow(totals.costUsd, totals.follows),
      };
    },
  },
};
