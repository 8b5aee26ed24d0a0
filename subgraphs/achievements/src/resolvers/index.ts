import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { scalarResolvers } from '../../../../lib/graphql';
import type { AchievementsContext } from '../context';
import { achievementResolvers } from './achievement';
import { mutationResolvers } from './mutation';
import { connectionResolvers, queryResolvers } from './query';

/** All resolvers of the achievements subgraph (Subscription fields are served by the gateway). */
export const resolvers: GraphQLResolverMap<AchievementsContext> = {
  ...scalarResolvers,
  Query: queryResolvers,
  Mutation: mutationResolvers,
  Achievement: achievementResolvers,
  AchievementConnection: connectionResolvers,
};
