import { describe, expect, it } from 'vitest';
import { EMOTION_SERIES, PLUTCHIK_EMOTIONS, emotionName, trajectoryChartData, trajectorySummary } from './trajectory-data';
import type { EmotionScoresLike, SegmentLike } from './trajectory-data';

const none: EmotionScoresLike = { joy: 0, trust: 0, fear: 0, surprise: 0, sadness: 0, disgust: 0, anger: 0, anticipation: 0 };

// A three-sentence post that starts worried and ends hopeful (scores as the emotion subgraph gives
// them: one plain word hit 0.5, an intensified hit 0.6, two hits 0.67), given out of order.
const segments: SegmentLike[] = [
  { position: 2, sentimentCompound: 0.6588, dominantEmotion: 'JOY', emotions: { ...none, joy: 0.67, trust: 0.5 } },
  { position: 0, sentimentCompound: -0.4767, dominantEmotion: 'FEAR', emotions: { ...none, fear: 0.6, sadness: 0.5 } },
  { position: 1, sentimentCompound: 0, dominantEmotion: null, emotions: none },
];

describe('trajectoryChartData', () => {
  it('makes one point per segment in text order, numbered from 1, with the eight scores', () => {
    const data = trajectoryChartData(segments);
    expect(data.map((p) => p.segment)).toEqual([1, 2, 3]);
    expect(data.map((p) => p.dominant)).toEqual(['fear', 'neutral', 'joy']);
    expect(data.map((p) => p.compound)).toEqual([-0.4767, 0, 0.6588]);
    expect(data[0]).toEqual({ segment: 1, compound: -0.4767, dominant: 'fear', joy: 0, trust: 0, fear: 0.6, surprise: 0, sadness: 0.5, disgust: 0, anger: 0, anticipation: 0 });
    expect(data.map((p) => p.joy)).toEqual([0, 0, 0.67]);
  });

  it('gives nothing to draw for a text without segments', () => {
    expect(trajectoryChartData([])).toEqual([]);
  });

  it('has a line for each of the eight emotions, each once', () => {
    expect(EMOTION_SERIES.map((s) => s.key)).toEqual([...PLUTCHIK_EMOTIONS]);
    expect(new Set(EMOTION_SERIES.map((s) => s.color)).size).toBe(8);
  });
});

describe('trajectorySummary', () => {
  it('names the type, the segments, the dominant emotion and where the sentiment went', () => {
    expect(trajectorySummary({ trajectoryType: 'RISING', dominantEmotion: 'JOY', segments })).toBe(
      'RISING trajectory over 3 segments; dominant emotion: joy; sentiment from -0.48 to 0.66 (lowest -0.48, highest 0.66).',
    );
  });

  it('gives the range of a sentiment that ends where it started', () => {
    const volatile: SegmentLike[] = [0, 0.7, -0.6, 0].map((compound, position) => ({ position, sentimentCompound: compound, dominantEmotion: null, emotions: none }));
    expect(trajectorySummary({ trajectoryType: 'VOLATILE', dominantEmotion: 'SURPRISE', segments: volatile })).toBe(
      'VOLATILE trajectory over 4 segments; dominant emotion: surprise; sentiment from 0.00 to 0.00 (lowest -0.60, highest 0.70).',
    );
  });

  it('says neutral for a text without a dominant emotion, and leaves out the range of a single segment', () => {
    expect(trajectorySummary({ trajectoryType: 'STABLE', dominantEmotion: null, segments: [segments[1]!] })).toBe('STABLE trajectory over 1 segment; dominant emotion: neutral.');
  });
});

describe('emotionName', () => {
  it('writes an emotion in lower case, or neutral', () => {
    expect(emotionName('ANTICIPATION')).toBe('anticipation');
    expect(emotionName(undefined)).toBe('neutral');
  });
});
