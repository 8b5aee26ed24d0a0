import { scalarResolvers } from '../../../../lib/graphql';
import { Achievement, CodeChange, PullRequest } from './achievement';
import { achievementMutations } from './mutation';
import { PortfolioSnapshot, portfolioMutations, portfolioQueries } from './portfolio';
import { AchievementConnection, achievementQueries } from './query';
import type { Resolvers } from './types.generated';

/** All resolvers of the achievements subgraph, typed by `npm run codegen` (Subscription fields are served by the gateway). */
export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query: { ...achievementQueries, ...portfolioQueries },
  Mutation: { ...achievementMutations, ...portfolioMutations },
  Achievement,
  AchievementConnection,
  PullRequest,
  CodeChange,
  PortfolioSnapshot,
};
