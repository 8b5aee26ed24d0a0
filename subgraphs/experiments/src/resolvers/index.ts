import { scalarResolvers } from '../../../../lib/graphql';
import { Experiment, Post, Variant } from './entities';
import { experimentMutations } from './mutation';
import { experimentQueries } from './query';
import type { Resolvers } from './types.generated';

/** All resolvers of the experiments subgraph, typed by `npm run codegen` (Subscription fields are served by the gateway). */
export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query: experimentQueries,
  Mutation: experimentMutations,
  Experiment,
  Variant,
  Post,
};
