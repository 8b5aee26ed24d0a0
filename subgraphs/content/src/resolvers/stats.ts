import { validateInput } from '../../../../lib/graphql';
import { aggregatePosts } from '../db/repositories/stats';
import { costPerFollow } from '../domain/engagement';
import { idSchema } from './inputs';
import type { QueryResolvers } from './types.generated';

/** Resolver of `contentStats`. */
export const statsResolvers: { Query: QueryResolvers } = {
  Query: {
    async contentStats(_, args, ctx) {
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
