import { z } from 'zod';
import { validateInput } from '../../../../lib/graphql';
import { runAnalysis } from '../analysis-runner';
import type { EmotionContext } from '../context';
import { summarisePersona } from '../db/repositories/summary';
import type { TrajectoryType } from '../domain/trajectory';
import { analysisView, trajectoryView } from './views';
import type { AnalysisView, TrajectoryView } from './views';
import type { EmotionScores } from '../domain/plutchik';

/** Longest text `analyzeEmotions` accepts, in characters (Unicode code points). */
export const MAX_ANALYZE_CHARS = 10_000;

const analyzeArgs = z.object({
  text: z
    .string()
    .refine((text) => text.trim().length > 0, 'must not be empty')
    .refine((text) => Array.from(text).length <= MAX_ANALYZE_CHARS, `must be at most ${MAX_ANALYZE_CHARS} characters`),
});
const postArgs = z.object({ postId: z.uuid() });
const personaArgs = z.object({ personaId: z.uuid() });

/** GraphQL `EmotionSummary`. */
interface SummaryView {
  personaId: string;
  trajectoryCount: number;
  averageEmotions: EmotionScores | null;
  averageCompound: number | null;
  trajectoryTypes: Array<{ type: TrajectoryType; count: number }>;
}

/** `Query` resolvers: validate, call the domain or a repository, map. */
export const queryResolvers = {
  /** Analyses a text without storing it. @throws {ValidationError} on empty or too long text */
  analyzeEmotions(_parent: unknown, args: unknown, ctx: EmotionContext): AnalysisView {
    const { text } = validateInput(analyzeArgs, args);
    return analysisView(runAnalysis(text, ctx.metrics, 'api'));
  },

  /** A post's trajectory, or null. @throws {ValidationError} on a malformed id */
  async emotionTrajectory(_parent: unknown, args: unknown, ctx: EmotionContext): Promise<TrajectoryView | null> {
    const { postId } = validateInput(postArgs, args);
    const row = await ctx.loaders.trajectoryByPostId.load(postId);
    return row ? trajectoryView(row, row.link_post_id) : null;
  },

  /** Aggregates of a persona's analysed posts. @throws {ValidationError} on a malformed id */
  async emotionSummary(_parent: unknown, args: unknown, ctx: EmotionContext): Promise<SummaryView> {
    const { personaId } = validateInput(personaArgs, args);
    const summary = await summarisePersona(ctx.db, personaId);
    const types: TrajectoryType[] = ['RISING', 'FALLING', 'STABLE', 'VOLATILE'];
    return {
      personaId,
      trajectoryCount: summary.trajectoryCount,
      averageEmotions: summary.averageEmotions,
      averageCompound: summary.averageCompound,
      trajectoryTypes: types.map((type) => ({ type, count: summary.typeCounts[type] })),
    };
  },
};
