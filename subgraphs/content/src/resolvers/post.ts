import { loadExisting, parseListLimit, parsePageArgs, toConnection, validateInput } from '../../../../lib/graphql';
import { listPostsWithPersonas } from '../db/repositories/posts';
import { engagementRate } from '../domain/engagement';
import { editPost } from '../operations/edit-post';
import { publishPost } from '../operations/publish-post';
import { recordEngagement } from '../operations/record-engagement';
import { similarPostsNear, similarPostsToText } from '../operations/similar-posts';
import { achievementReference } from './achievement';
import { DEFAULT_SIMILAR_POSTS, engagementInput, idSchema, isUuid, similarPostsInput, updatePostInput } from './inputs';
import type { EngagementResolvers, MutationResolvers, PostResolvers, QueryResolvers } from './types.generated';

/** Resolvers of `Post`, `Engagement` and the post queries and mutations. */
export const postResolvers: { Query: QueryResolvers; Mutation: MutationResolvers; Post: PostResolvers; Engagement: EngagementResolvers } = {
  Query: {
    async posts(_, args, ctx) {
      const page = parsePageArgs(args.first, args.after);
      const personaId = args.filter?.personaId ? validateInput(idSchema, args.filter.personaId) : undefined;
      const rows = await listPostsWithPersonas(ctx.db, { personaId, status: args.filter?.status ?? undefined }, page);
      // The personas came with the posts: `Post.persona` finds them in the loader, without a query.
      for (const { persona } of rows) ctx.loaders.personaById.prime(persona.id, persona);
      return toConnection(rows.map((row) => row.post), page);
    },
    post: (_, args, ctx) => ctx.loaders.postById.load(validateInput(idSchema, args.id)),
    similarPosts(_, args, ctx) {
      const input = validateInput(similarPostsInput, { text: args.text, personaId: args.personaId });
      const first = parseListLimit(args.first, DEFAULT_SIMILAR_POSTS);
      return similarPostsToText(ctx, { text: input.text, personaId: input.personaId ?? null, first });
    },
  },
  Mutation: {
    async updatePost(_, args, ctx) {
      const id = validateInput(idSchema, args.id);
      const input = validateInput(updatePostInput, args.input);
      return editPost({ db: ctx.db, moderator: ctx.moderator }, id, input);
    },
    async publishPost(_, args, ctx) {
      return publishPost(ctx, validateInput(idSchema, args.id));
    },
    async recordEngagement(_, args, ctx) {
      const postId = validateInput(idSchema, args.postId);
      const totals = validateInput(engagementInput, args.input);
      return recordEngagement(ctx, postId, totals);
    },
  },
  Post: {
    __resolveReference: (ref, ctx) => (isUuid(ref.id) ? ctx.loaders.postById.load(ref.id) : null),
    persona: (row, _, ctx) => loadExisting(ctx.loaders.personaById.load(row.persona_id), 'Persona', row.persona_id),
    originalInput: (row) => row.original_input,
    tokensUsed: (row) => row.tokens_used,
    costUsd: (row) => Number(row.cost_usd),
    qualityScore: (row) => row.quality_score,
    externalId: (row) => row.external_id,
    publishedAt: (row) => row.published_at,
    publishError: (row) => row.publish_error,
    engagementRate: (row) => (row.engagement_rate === null ? null : Number(row.engagement_rate)),
    engagement: (row, _, ctx) => ctx.loaders.engagementByPostId.load(row.id),
    createdAt: (row) => row.created_at,
    job: (row, _, ctx) => (row.job_id ? ctx.loaders.jobById.load(row.job_id) : null),
    achievement: (row) => achievementReference(row.achievement_id),
    async similarPosts(row, args, ctx) {
      const first = parseListLimit(args.first, DEFAULT_SIMILAR_POSTS);
      if (first === 0) return [];
      const vector = await ctx.loaders.postVector.load(row);
      return similarPostsNear(ctx, { vector, personaId: row.persona_id, excludePostId: row.id, first });
    },
  },
  Engagement: {
    engagementRate: (row) => engagementRate(row),
    updatedAt: (row) => row.updated_at,
  },
};
