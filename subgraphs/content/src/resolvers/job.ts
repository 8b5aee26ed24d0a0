import { loadExisting, validateInput } from '../../../../lib/graphql';
import { cancelJob } from '../operations/cancel-job';
import { generatePost } from '../operations/generate-post';
import { generatePostInput, idSchema, isUuid } from './inputs';
import type { GenerationJobResolvers, MutationResolvers, QueryResolvers } from './types.generated';

/** Resolvers of `GenerationJob`, `generatePost` and `cancelGenerationJob`. */
export const jobResolvers: { Query: QueryResolvers; Mutation: MutationResolvers; GenerationJob: GenerationJobResolvers } = {
  Query: {
    generationJob: (_, args, ctx) => ctx.loaders.jobById.load(validateInput(idSchema, args.id)),
  },
  Mutation: {
    async generatePost(_, args, ctx) {
      const input = validateInput(generatePostInput, args.input);
      return generatePost(
        ctx.db,
        ctx.js,
        ctx.subjects,
        {
          personaId: input.personaId,
          topic: input.topic,
          idempotencyKey: input.idempotencyKey ?? null,
          experimentId: input.experimentId ?? null,
          createdBy: ctx.caller.sub,
        },
        ctx.logger,
      );
    },
    cancelGenerationJob: (_, args, ctx) => cancelJob(ctx.db, ctx.js, ctx.subjects, validateInput(idSchema, args.id)),
  },
  GenerationJob: {
    __resolveReference: (ref, ctx) => (isUuid(ref.id) ? ctx.loaders.jobById.load(ref.id) : null),
    persona: (row, _, ctx) => loadExisting(ctx.loaders.personaById.load(row.persona_id), 'Persona', row.persona_id),
    idempotencyKey: (row) => row.idempotency_key,
    post: (row, _, ctx) => (row.status === 'COMPLETED' ? ctx.loaders.postById.load(row.post_id) : null),
    createdBy: (row) => row.created_by,
    createdAt: (row) => row.created_at,
    startedAt: (row) => row.started_at,
    completedAt: (row) => row.completed_at,
  },
};
