import { validateInput } from '../../../../lib/graphql';
import { summarisePersona } from '../db/repositories/summary';
import { runAnalysis } from '../operations/run-analysis';
import { analyzeEmotionsArgs, emotionSummaryArgs, emotionTrajectoryArgs } from './inputs';
import type { QueryResolvers } from './types.generated';
import { analysisView, summaryView, trajectoryView } from './views';

/**
 * `Query` resolvers: validate the arguments (`inputs.ts`), call an operation, a loader or a
 * repository, map the result (`views.ts`).
 *
 * - `analyzeEmotions`: analyses a text without storing it.
 *   @throws {ValidationError} on an empty (blank) text or one longer than 10 000 characters
 * - `emotionTrajectory`: a post's trajectory, or null. @throws {ValidationError} on a malformed id
 * - `emotionSummary`: aggregates of a persona's analysed posts. @throws {ValidationError} on a malformed id
 */
export const emotionQueries: QueryResolvers = {
  analyzeEmotions(_parent, args, ctx) {
    const { text } = validateInput(analyzeEmotionsArgs, args);
    return analysisView(runAnalysis(text, ctx.model, ctx.metrics, 'api'));
  },

  async emotionTrajectory(_parent, args, ctx) {
    const { postId } = validateInput(emotionTrajectoryArgs, args);
    const row = await ctx.loaders.trajectoryByPostId.load(postId);
    return row ? trajectoryView(row, row.link_post_id) : null;
  },

  async emotionSummary(_parent, args, ctx) {
    const { personaId } = validateInput(emotionSummaryArgs, args);
    return summaryView(personaId, await summarisePersona(ctx.db, personaId));
  },
};
