import { scalarResolvers } from '../../../../lib/graphql';
import { achievementResolvers } from './achievement';
import { jobResolvers } from './job';
import { personaResolvers } from './persona';
import { postResolvers } from './post';
import { statsResolvers } from './stats';
import type { Resolvers } from './types.generated';

/** All resolvers of the content subgraph (typed by `npm run codegen`). */
export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query: { ...personaResolvers.Query, ...postResolvers.Query, ...jobResolvers.Query, ...statsResolvers.Query },
  Mutation: { ...personaResolvers.Mutation, ...postResolvers.Mutation, ...jobResolvers.Mutation },
  Persona: personaResolvers.Persona,
  Post: postResolvers.Post,
  Engagement: postResolvers.Engagement,
  GenerationJob: jobResolvers.GenerationJob,
  Achievement: achievementResolvers,
};
