import { analyzeText } from '../../../subgraphs/emotion/src/domain/analyze-text';
import { contentHash } from '../../../subgraphs/emotion/src/domain/content-hash';
import { scoreSentiment } from '../../../subgraphs/emotion/src/domain/sentiment';

describe('scoreSentiment (VADER)', () => {
  it('gives a positive compound to a happy sentence and a negative one to a sad sentence', () => {
    expect(scoreSentiment('I am so happy!')).toEqual({ positive: 0.682, negative: 0, neutral: 0.318, compound: 0.6468 });
    expect(scoreSentiment('This is terrible and sad.').compound).toBeLessThan(-0.5);
  });

  it('scores an empty text as all zeros', () => {
    expect(scoreSentiment('')).toEqual({ positive: 0, negative: 0, neutral: 0, compound: 0 });
  });
});

describe('analyzeText', () => {
  const text = 'Everything was terrible this morning. I lost my job!\nBut then my friends showed up. Now I am so happy and grateful.';

  it('segments, scores and averages a text whose mood climbs', () => {
    const analysis = analyzeText(text);
    expect(analysis.segmentCount).toBe(4);
    expect(analysis.segments.map((s) => s.dominantEmotion)).toEqual(['anger', 'sadness', 'trust', 'joy']);
    expect(analysis.segments.map((s) => s.sentimentCompound)).toEqual([-0.4767, -0.3802, 0.4767, 0.8404]);
    expect(analysis.trajectoryType).toBe('RISING');
    // joy: (0 + 0 + 0 + 2.5/3.5) / 4
    expect(analysis.emotions.joy).toBeCloseTo(2.5 / 3.5 / 4, 10);
    expect(analysis.emotions.sadness).toBeCloseTo(0.125, 10);
    expect(analysis.dominantEmotion).toBe('joy');
    expect(analysis.sentiment.compound).toBeGreaterThan(0);
    expect(analysis.contentHash).toBe(contentHash(text));
  });

  it('lists the transitions between the segments', () => {
    const { transitions } = analyzeText(text);
    expect(transitions.map((t) => [t.fromSegment, t.toSegment, t.fromEmotion, t.toEmotion])).toEqual([
      [0, 1, 'anger', 'sadness'],
      [1, 2, 'sadness', 'trust'],
      [2, 3, 'trust', 'joy'],
    ]);
    expect(transitions[2]?.strength).toBeCloseTo(2.5 / 3.5, 10);
  });

  it('finds peaks and valleys of an up-and-down text and calls it VOLATILE', () => {
    const analysis = analyzeText('I love this! It is awful. What a wonderful surprise! Sadly it broke.');
    const compounds = analysis.segments.map((s) => s.sentimentCompound);
    expect(compounds.map(Math.sign)).toEqual([1, -1, 1, -1]);
    expect(analysis.peaks).toEqual([2]);
    expect(analysis.valleys).toEqual([1]);
    expect(analysis.trajectoryType).toBe('VOLATILE');
  });

  it('calls a text with one sentence STABLE', () => {
    const analysis = analyzeText('I am not happy');
    expect(analysis.segmentCount).toBe(1);
    expect(analysis.trajectoryType).toBe('STABLE');
    expect(analysis.emotions.sadness).toBeGreaterThan(analysis.emotions.joy);
    expect(analysis.transitions).toEqual([]);
  });

  it('analyses a blank text as empty and neutral', () => {
    const analysis = analyzeText('   ');
    expect(analysis.segmentCount).toBe(0);
    expect(analysis.dominantEmotion).toBe('neutral');
    expect(analysis.trajectoryType).toBe('STABLE');
    expect(analysis.peaks).toEqual([]);
  });
});
