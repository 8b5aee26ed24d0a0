import { validateInput } from '../../../../lib/graphql';
import type { ContentContext } from '../context';
import type { GenerationJobRow } from '../db/database';
import { cancelJob } from '../operations/cancel-job';
import { generatePost } from '../operations/generate-post';
import { generatePostInput, idSchema, isUuid } from './inputs';

/** Resolvers of `GenerationJob`, `generatePost` and `cancelGenerationJob`. */
export const jobResolvers = {
  Query: {
    generationJob: (_: unknown, args: { id: string }, ctx: ContentContext) => ctx.loaders.jobById.load(validateInput(idSchema, args.id)),
  },
  Mutation: {
    async generatePost(_: unknown, args: { input: unknown }, ctx: ContentContext) {
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
    cancelGenerationJob: (_: unknown, args: { id: string }, ctx: ContentContext) => cancelJob(ctx.db, ctx.js, ctx.subjects, validateInput(idSchema, args.id)),
  },
  GenerationJob: {
    __resolveReference: (ref: { id: unknown }, ctx: ContentContext) => (isUuid(ref.id) ? ctx.loaders.jobById.load(ref.id) : null),
    persona: (row: GenerationJobRow, _: unknown, ctx: ContentContext) => ctx.loaders.personaById.load(row.persona_id),
    idempotencyKey: (row: GenerationJobRow) => row.idempotency_key,
    post: (row: GenerationJobRow, _: unknown, ctx: ContentContext) => (row.status === 'COMPLETED' ? ctx.loaders.postById.load(row.post_id) : null),
    createdBy: (row: GenerationJobRow) => row.created_by,
    createdAt: (row: GenerationJobRow) => row.created_at,
    startedAt: (row: GenerationJobRow) => row.started_at,
    completedAt: (row: GenerationJobRow) => row.completed_at,
  },
};
