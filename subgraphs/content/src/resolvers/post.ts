import { NotFoundError } from '../../../../lib/errors';
import { parsePageArgs, toConnection, validateInput } from '../../../../lib/graphql';
import type { ContentContext } from '../context';
import type { PostEngagementRow, PostRow, PostStatus } from '../db/database';
import { listPosts, updatePost } from '../db/repositories/posts';
import { engagementRate } from '../domain/engagement';
import { recordEngagement } from '../operations/record-engagement';
import { engagementInput, idSchema, isUuid, updatePostInput } from './inputs';

interface PostsArgs {
  first?: number | null;
  after?: string | null;
  filter?: { personaId?: string | null; status?: PostStatus | null } | null;
}

/** Resolvers of `Post`, `Engagement` and the post queries and mutations. */
export const postResolvers = {
  Query: {
    async posts(_: unknown, args: PostsArgs, ctx: ContentContext) {
      const page = parsePageArgs(args.first, args.after);
      const personaId = args.filter?.personaId ? validateInput(idSchema, args.filter.personaId) : undefined;
      const rows = await listPosts(ctx.db, { personaId, status: args.filter?.status ?? undefined }, page);
      return toConnection(rows, page);
    },
    post: (_: unknown, args: { id: string }, ctx: ContentContext) => ctx.loaders.postById.load(validateInput(idSchema, args.id)),
  },
  Mutation: {
    async updatePost(_: unknown, args: { id: string; input: unknown }, ctx: ContentContext) {
      const id = validateInput(idSchema, args.id);
      const input = validateInput(updatePostInput, args.input);
      const row = await updatePost(ctx.db, id, input);
      if (!row) throw new NotFoundError('Post', id);
      return row;
    },
    async recordEngagement(_: unknown, args: { postId: string; input: unknown }, ctx: ContentContext) {
      const postId = validateInput(idSchema, args.postId);
      const totals = validateInput(engagementInput, args.input);
      await recordEngagement(ctx.db, ctx.js, ctx.subjects, postId, totals);
      ctx.loaders.postById.clear(postId);
      return ctx.loaders.postById.load(postId);
    },
  },
  Post: {
    __resolveReference: (ref: { id: unknown }, ctx: ContentContext) => (isUuid(ref.id) ? ctx.loaders.postById.load(ref.id) : null),
    persona: (row: PostRow, _: unknown, ctx: ContentContext) => ctx.loaders.personaById.load(row.persona_id),
    originalInput: (row: PostRow) => row.original_input,
    tokensUsed: (row: PostRow) => row.tokens_used,
    costUsd: (row: PostRow) => Number(row.cost_usd),
    engagementRate: (row: PostRow) => (row.engagement_rate === null ? null : Number(row.engagement_rate)),
    engagement: (row: PostRow, _: unknown, ctx: ContentContext) => ctx.loaders.engagementByPostId.load(row.id),
    createdAt: (row: PostRow) => row.created_at,
    job: (row: PostRow, _: unknown, ctx: ContentContext) => (row.job_id ? ctx.loaders.jobById.load(row.job_id) : null),
  },
  Engagement: {
    engagementRate: (row: PostEngagementRow) => engagementRate(row),
    updatedAt: (row: PostEngagementRow) => row.updated_at,
  },
};
