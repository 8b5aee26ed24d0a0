import { scalarResolvers } from '../../../../lib/graphql';
import { Achievement, CodeChange, PullRequest } from './achievement';
import { achievementMutations } from './mutation';
import { AchievementConnection, achievementQueries } from './query';
import type { Resolvers } from './types.generated';

/** All resolvers of the achievements subgraph, typed by `npm run codegen` (Subscription fields are served by the gateway). */
export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query: achievementQueries,
  Mutation: achievementMutations,
  Achievement,
  AchievementConnection,
  PullRequest,
  CodeChange,
};
