import type { DominantEmotion, EmotionScores } from './plutchik';

/** A change of dominant emotion between two consecutive segments. */
export interface EmotionTransition {
  /** Position (0-based) of the earlier segment. */
  fromSegment: number;
  /** Position of the later segment (`fromSegment + 1`). */
  toSegment: number;
  fromEmotion: DominantEmotion;
  toEmotion: DominantEmotion;
  /** 0..1: how sharply the emotion changed (see {@link findTransitions}). */
  strength: number;
}

/** What a transition needs of a segment. */
export interface ScoredSegment {
  emotions: EmotionScores;
  dominantEmotion: DominantEmotion;
}

/**
 * Lists the transitions between consecutive segments whose dominant emotion differs.
 * Strength = the larger of the new emotion's rise (`to[new] - from[new]`) and the old
 * emotion's fall (`from[old] - to[old]`), leaving out the side that is `neutral`; it is never
 * negative (the new emotion leads afterwards and the old one led before) and at most 1.
 *
 * @example joy 0.5 -> sadness 0.6 (joy gone): strength 0.6
 */
export function findTransitions(segments: readonly ScoredSegment[]): EmotionTransition[] {
  const transitions: EmotionTransition[] = [];
  for (let i = 1; i < segments.length; i++) {
    const from = segments[i - 1];
    const to = segments[i];
    if (!from || !to || from.dominantEmotion === to.dominantEmotion) continue;
    const changes: number[] = [];
    if (to.dominantEmotion !== 'neutral') changes.push(to.emotions[to.dominantEmotion] - from.emotions[to.dominantEmotion]);
    if (from.dominantEmotion !== 'neutral') changes.push(from.emotions[from.dominantEmotion] - to.emotions[from.dominantEmotion]);
    const strength = Math.min(1, Math.max(0, ...changes));
    transitions.push({ fromSegment: i - 1, toSegment: i, fromEmotion: from.dominantEmotion, toEmotion: to.dominantEmotion, strength });
  }
  return transitions;
}
