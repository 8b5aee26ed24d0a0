import { performance } from 'node:perf_hooks';
import { analyzeText } from '../domain/analyze-text';
import type { TextAnalysis } from '../domain/analyze-text';
import type { EmotionModel } from '../domain/emotion-model/emotion-model';
import type { EmotionMetrics } from '../metrics';

/** An analysis with its wall time. */
export interface TimedAnalysis {
  analysis: TextAnalysis;
  /** Milliseconds spent in {@link analyzeText}. */
  processingTimeMs: number;
}

/**
 * Runs {@link analyzeText} with the loaded model, measuring its wall time and recording it in
 * `emotion_analysis_duration_seconds{source}` (`api`: the `analyzeEmotions` query, `worker`: a
 * post.created event). Stores nothing.
 */
export function runAnalysis(text: string, model: EmotionModel, metrics: EmotionMetrics, source: 'api' | 'worker'): TimedAnalysis {
  const started = performance.now();
  const analysis = analyzeText(text, model);
  const processingTimeMs = performance.now() - started;
  metrics.analysisDuration.observe({ source }, processingTimeMs / 1000);
  return { analysis, processingTimeMs };
}
