import { GraphQLError } from 'graphql';
import { loadExisting, validateInput } from '../../../../lib/graphql';
import type { ContentContext } from '../context';
import { AchievementsUnavailableError } from '../messaging/achievement-client';
import { cancelJob } from '../operations/cancel-job';
import { retryGenerationJob } from '../operations/retry-job';
import { generatePost } from '../operations/generate-post';
import { generatePostInput, idSchema, isUuid } from './inputs';
import type { GenerationJobResolvers, MutationResolvers, QueryResolvers } from './types.generated';

/**
 * `SUBGRAPH_UNAVAILABLE` (`extensions.subgraph: "achievements"`, the code the gateway gives a
 * subgraph that cannot answer) for {@link AchievementsUnavailableError}, logged at warn with
 * its cause; other errors unchanged (domain errors are mapped by `lib/errors`).
 */
function unavailableAsGraphQLError(err: unknown, logger: ContentContext['logger']): unknown {
  if (!(err instanceof AchievementsUnavailableError)) return err;
  logger.warn({ err }, 'generatePost: achievements unavailable');
  return new GraphQLError('The achievements service did not answer; try again later', {
    originalError: err,
    extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'achievements' },
  });
}

/** Resolvers of `GenerationJob`, `generatePost` and `cancelGenerationJob`. */
export const jobResolvers: { Query: QueryResolvers; Mutation: MutationResolvers; GenerationJob: GenerationJobResolvers } = {
  Query: {
    generationJob: (_, args, ctx) => ctx.loaders.jobById.load(validateInput(idSchema, args.id)),
  },
  Mutation: {
    async generatePost(_, args, ctx) {
      const input = validateInput(generatePostInput, args.input);
      try {
        return await generatePost(
          { db: ctx.db, js: ctx.js, outbox: ctx.outbox, subjects: ctx.subjects, logger: ctx.logger, describeAchievement: ctx.describeAchievement },
          {
            personaId: input.personaId,
            topic: input.topic ?? null,
            achievementId: input.achievementId ?? null,
            idempotencyKey: input.idempotencyKey ?? null,
            experimentId: input.experimentId ?? null,
            createdBy: ctx.caller.sub,
          },
        );
      } catch (err) {
        throw unavailableAsGraphQLError(err, ctx.logger);
      }
    },
    cancelGenerationJob: (_, args, ctx) => cancelJob(ctx, validateInput(idSchema, args.id)),
    retryGenerationJob: (_, args, ctx) => retryGenerationJob(ctx, validateInput(idSchema, args.id)),
  },
  GenerationJob: {
    __resolveReference: (ref, ctx) => (isUuid(ref.id) ? ctx.loaders.jobById.load(ref.id) : null),
    persona: (row, _, ctx) => loadExisting(ctx.loaders.personaById.load(row.persona_id), 'Persona', row.persona_id),
    idempotencyKey: (row) => row.idempotency_key,
    errorCode: (row) => row.error_code,
    blockReasons: (row) => row.block_reasons,
    duplicateOf: (row, _, ctx) => (row.duplicate_of_post_id ? ctx.loaders.postById.load(row.duplicate_of_post_id) : null),
    post: (row, _, ctx) => (row.status === 'COMPLETED' ? ctx.loaders.postById.load(row.post_id) : null),
    createdBy: (row) => row.created_by,
    createdAt: (row) => row.created_at,
    startedAt: (row) => row.started_at,
    completedAt: (row) => row.completed_at,
  },
};
