import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { scalarResolvers } from '../../../../lib/graphql';
import type { ExperimentsContext } from '../context';
import { experimentResolvers, postResolvers, variantResolvers } from './entities';
import { mutationResolvers } from './mutation';
import { queryResolvers } from './query';

/** All resolvers of the experiments subgraph (Subscription fields are served by the gateway). */
export const resolvers: GraphQLResolverMap<ExperimentsContext> = {
  ...scalarResolvers,
  Query: queryResolvers,
  Mutation: mutationResolvers,
  Experiment: experimentResolvers,
  Variant: variantResolvers,
  Post: postResolvers,
};
