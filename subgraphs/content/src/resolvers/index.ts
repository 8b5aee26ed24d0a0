import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { scalarResolvers } from '../../../../lib/graphql';
import type { ContentContext } from '../context';
import { jobResolvers } from './job';
import { personaResolvers } from './persona';
import { postResolvers } from './post';
import { statsResolvers } from './stats';

/** All resolvers of the content subgraph. */
export const resolvers = {
  ...scalarResolvers,
  Query: { ...personaResolvers.Query, ...postResolvers.Query, ...jobResolvers.Query, ...statsResolvers.Query },
  Mutation: { ...personaResolvers.Mutation, ...postResolvers.Mutation, ...jobResolvers.Mutation },
  Persona: personaResolvers.Persona,
  Post: postResolvers.Post,
  Engagement: postResolvers.Engagement,
  GenerationJob: jobResolvers.GenerationJob,
} as unknown as GraphQLResolverMap<ContentContext>;
