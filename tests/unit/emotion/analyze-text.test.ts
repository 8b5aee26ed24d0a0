import { analyzeText } from '../../../subgraphs/emotion/src/domain/analyze-text';
import { contentHash } from '../../../subgraphs/emotion/src/domain/content-hash';
import { predictEmotions } from '../../../subgraphs/emotion/src/domain/emotion-model/emotion-model';
import { PLUTCHIK_EMOTIONS } from '../../../subgraphs/emotion/src/domain/plutchik';
import { loadEmotionModel } from '../../../subgraphs/emotion/src/operations/load-emotion-model';

const model = loadEmotionModel();
const NEGATIVE = ['fear', 'sadness', 'anger', 'disgust'];

describe('analyzeText', () => {
  const text = 'Everything was terrible this morning. I lost my job!\nBut then my friends showed up. Now I am so happy and grateful.';

  it('segments, scores and classifies a text whose mood climbs', () => {
    const analysis = analyzeText(text, model);
    expect(analysis.segmentCount).toBe(4);
    const dominant = analysis.segments.map((s) => s.dominantEmotion);
    expect(NEGATIVE).toContain(dominant[0]);
    expect(NEGATIVE).toContain(dominant[1]);
    expect(dominant[3]).toBe('joy');
    expect(analysis.segments.map((s) => s.sentimentCompound)).toEqual([-0.4767, -0.3802, 0.4767, 0.8404]);
    expect(analysis.trajectoryType).toBe('RISING');
    expect(analysis.segments[3]?.emotions.joy).toBeGreaterThan(0.5);
    expect(analysis.dominantEmotion).toBe('joy');
    expect(analysis.sentiment.compound).toBeGreaterThan(0);
    expect(analysis.contentHash).toBe(contentHash(text));
  });

  it("gives each segment the model's prediction, and the text the model's prediction of the whole", () => {
    const analysis = analyzeText(text, model);
    analysis.segments.forEach((segment) => {
      const prediction = predictEmotions(model, segment.text);
      expect(segment.emotions).toEqual(prediction.emotions);
      expect(segment.neutral).toBe(prediction.neutral);
      expect(segment.dominantEmotion).toBe(prediction.dominantEmotion);
      expect(PLUTCHIK_EMOTIONS.reduce((sum, e) => sum + segment.emotions[e], segment.neutral)).toBeCloseTo(1, 12);
    });
    expect(analysis.emotions).toEqual(predictEmotions(model, text).emotions);
    expect(analysis.neutral).toBe(predictEmotions(model, text).neutral);
  });

  it('lists the transitions between the segments, the last one into joy with a strong rise', () => {
    const analysis = analyzeText(text, model);
    const { segments, transitions } = analysis;
    const expected = segments.slice(1).flatMap((to, i) => (segments[i]?.dominantEmotion === to.dominantEmotion ? [] : [[i, i + 1]]));
    expect(transitions.map((t) => [t.fromSegment, t.toSegment])).toEqual(expected);
    const last = transitions[transitions.length - 1];
    expect(last).toMatchObject({ toSegment: 3, toEmotion: 'joy' });
    expect(last?.strength).toBeCloseTo((segments[3]?.emotions.joy ?? 0) - (segments[2]?.emotions.joy ?? 0), 10);
    expect(last?.strength).toBeGreaterThan(0.3);
  });

  it('finds peaks and valleys of an up-and-down text and calls it VOLATILE', () => {
    const analysis = analyzeText('I love this! It is awful. What a wonderful surprise! Sadly it broke.', model);
    const compounds = analysis.segments.map((s) => s.sentimentCompound);
    expect(compounds.map(Math.sign)).toEqual([1, -1, 1, -1]);
    expect(analysis.peaks).toEqual([2]);
    expect(analysis.valleys).toEqual([1]);
    expect(analysis.trajectoryType).toBe('VOLATILE');
    expect(analysis.segments[0]?.dominantEmotion).toBe('joy');
    expect(analysis.segments[3]?.dominantEmotion).toBe('sadness');
  });

  it('calls a text with one sentence STABLE', () => {
    const analysis = analyzeText('I am not happy', model);
    expect(analysis.segmentCount).toBe(1);
    expect(analysis.trajectoryType).toBe('STABLE');
    expect(analysis.emotions.sadness).toBeGreaterThan(analysis.emotions.joy);
    expect(analysis.transitions).toEqual([]);
  });

  it('calls a factual text neutral', () => {
    const analysis = analyzeText('The meeting is on Tuesday. The room is on the second floor.', model);
    expect(analysis.dominantEmotion).toBe('neutral');
    expect(analysis.segments.map((s) => s.dominantEmotion)).toEqual(['neutral', 'neutral']);
  });

  it('analyses a blank text as empty and neutral', () => {
    const analysis = analyzeText('   ', model);
    expect(analysis.segmentCount).toBe(0);
    expect(analysis.dominantEmotion).toBe('neutral');
    expect(analysis.emotions.joy).toBe(0);
    expect(analysis.trajectoryType).toBe('STABLE');
    expect(analysis.peaks).toEqual([]);
  });
});
