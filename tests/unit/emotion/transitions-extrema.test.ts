import { findExtrema } from '../../../subgraphs/emotion/src/domain/extrema';
import { averageScores, dominantEmotion, zeroScores } from '../../../subgraphs/emotion/src/domain/plutchik';
import type { EmotionScores } from '../../../subgraphs/emotion/src/domain/plutchik';
import { findTransitions } from '../../../subgraphs/emotion/src/domain/transitions';

function segment(partial: Partial<EmotionScores>) {
  const emotions = { ...zeroScores(), ...partial };
  return { emotions, dominantEmotion: dominantEmotion(emotions) };
}

describe('dominantEmotion and averageScores', () => {
  it('picks the highest score, breaking ties in wheel order, and neutral when all are 0', () => {
    expect(dominantEmotion({ ...zeroScores(), anger: 0.6, fear: 0.5 })).toBe('anger');
    expect(dominantEmotion({ ...zeroScores(), anger: 0.5, fear: 0.5 })).toBe('fear');
    expect(dominantEmotion(zeroScores())).toBe('neutral');
  });

  it('averages segment scores element-wise', () => {
    const avg = averageScores([{ ...zeroScores(), joy: 0.5 }, { ...zeroScores(), joy: 0.25, fear: 0.5 }]);
    expect(avg).toMatchObject({ joy: 0.375, fear: 0.25, anger: 0 });
    expect(averageScores([])).toEqual(zeroScores());
  });
});

describe('findTransitions', () => {
  it('records a change of dominant emotion with the larger of the rise and the fall as strength', () => {
    const transitions = findTransitions([segment({ joy: 0.5 }), segment({ sadness: 0.6 })]);
    expect(transitions).toEqual([{ fromSegment: 0, toSegment: 1, fromEmotion: 'joy', toEmotion: 'sadness', strength: 0.6 }]);
  });

  it('uses the old emotion\'s fall when it is the larger change', () => {
    const [t] = findTransitions([segment({ anger: 0.75, fear: 0.1 }), segment({ anger: 0.2, fear: 0.5 })]);
    expect(t?.strength).toBeCloseTo(0.55, 10);
  });

  it('skips consecutive segments with the same dominant emotion', () => {
    expect(findTransitions([segment({ joy: 0.5 }), segment({ joy: 0.75 }), segment({ joy: 0.6 })])).toEqual([]);
  });

  it('includes changes from and to neutral, measuring only the emotional side', () => {
    const transitions = findTransitions([segment({}), segment({ fear: 0.5 }), segment({})]);
    expect(transitions).toEqual([
      { fromSegment: 0, toSegment: 1, fromEmotion: 'neutral', toEmotion: 'fear', strength: 0.5 },
      { fromSegment: 1, toSegment: 2, fromEmotion: 'fear', toEmotion: 'neutral', strength: 0.5 },
    ]);
  });

  it('returns nothing for fewer than two segments', () => {
    expect(findTransitions([segment({ joy: 0.5 })])).toEqual([]);
  });
});

describe('findExtrema', () => {
  it('finds interior local maxima and minima', () => {
    expect(findExtrema([0, 0.6, -0.2, 0.1, 0])).toEqual({ peaks: [1, 3], valleys: [2] });
  });

  it('counts a flat top once, at its first index', () => {
    expect(findExtrema([0, 0.6, 0.6, -0.2, 0.1])).toEqual({ peaks: [1], valleys: [3] });
  });

  it('never reports end points, monotone or constant series', () => {
    expect(findExtrema([0.9, 0, 0.9])).toEqual({ peaks: [], valleys: [1] });
    expect(findExtrema([-0.5, 0, 0.5])).toEqual({ peaks: [], valleys: [] });
    expect(findExtrema([0.2, 0.2, 0.2])).toEqual({ peaks: [], valleys: [] });
    expect(findExtrema([])).toEqual({ peaks: [], valleys: [] });
  });
});
