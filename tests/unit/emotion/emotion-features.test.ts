import { columnCount, featureTerms, featureTokens, featureVector, smoothIdf } from '../../../subgraphs/emotion/src/domain/emotion-model/features';
import type { FeatureSpace } from '../../../subgraphs/emotion/src/domain/emotion-model/features';
import { scoreEmotions } from '../../../subgraphs/emotion/src/domain/emotion-scoring';

describe('featureTokens', () => {
  it('lower-cases words, normalises apostrophes, keeps ! and ? and drops other punctuation', () => {
    expect(featureTokens('Wow, I LOVE it’s colour!?')).toEqual(['wow', 'i', 'love', "it's", 'colour', '!', '?']);
  });

  it('marks every token after a negator up to the end of its clause', () => {
    expect(featureTokens("I don't like it, wow!")).toEqual(['i', "don't", 'NOT_like', 'NOT_it', 'wow', '!']);
    expect(featureTokens('Never happy. Happy now')).toEqual(['never', 'NOT_happy', 'happy', 'now']);
    expect(featureTokens('not sad! sad')).toEqual(['not', 'NOT_sad', '!', 'sad']);
  });

  it('reads apostrophe-less negators and any n\'t as negators', () => {
    expect(featureTokens('dont care')).toEqual(['dont', 'NOT_care']);
    expect(featureTokens("ain't fun")).toEqual(["ain't", 'NOT_fun']);
    expect(featureTokens('notable fun')).toEqual(['notable', 'fun']);
  });

  it('keeps GoEmotions masks, emoji and masked profanity; numbers become <num>', () => {
    expect(featureTokens('[NAME] scored 3.5 goals 😂 f*ck')).toEqual(['[name]', 'scored', '<num>', 'goals', '😂', 'f*ck']);
  });

  it('returns nothing for a text without words', () => {
    expect(featureTokens(' ... ')).toEqual([]);
  });
});

describe('featureTerms', () => {
  it('lists the unigrams, then the bigrams of neighbouring tokens', () => {
    expect(featureTerms('not good!')).toEqual(['not', 'NOT_good', '!', 'not NOT_good', 'NOT_good !']);
  });
});

describe('featureVector', () => {
  const space: FeatureSpace = {
    terms: new Map([
      ['happy', 0],
      ['so', 1],
      ['so happy', 2],
    ]),
    idf: Float64Array.from([2, 1, 3]),
    lexiconScale: 0.5,
  };

  it('weighs known terms by count x idf at unit length, then appends the scaled word-list scores', () => {
    const { columns, values } = featureVector(space, 'So happy, so happy today');
    // happy x2 (idf 2) = 4, so x2 (idf 1) = 2, "so happy" x2 (idf 3) = 6; "happy so" and "today" unknown.
    const norm = Math.hypot(4, 2, 6);
    expect(columns.slice(0, 3)).toEqual([0, 1, 2]);
    expect(values.slice(0, 3).map((v) => v * norm)).toEqual([expect.closeTo(4, 10), expect.closeTo(2, 10), expect.closeTo(6, 10)]);
    // The word list scores joy only (column 3 + index of joy = 3).
    expect(columns.slice(3)).toEqual([3]);
    expect(values[3]).toBeCloseTo(0.5 * scoreEmotions('So happy, so happy today').joy, 12);
  });

  it('has only word-list features (or none) for a text without known terms', () => {
    expect(featureVector(space, 'The meeting is on Tuesday')).toEqual({ columns: [], values: [] });
    expect(featureVector(space, 'I am scared').columns).toEqual([3 + 2]); // fear is the third emotion
  });

  it('counts the eight word-list columns after the terms', () => {
    expect(columnCount(space)).toBe(11);
  });
});

describe('smoothIdf', () => {
  it('is ln((1 + N) / (1 + df)) + 1, so a term in every document weighs 1', () => {
    expect(smoothIdf(9, 9)).toBe(1);
    expect(smoothIdf(1, 3)).toBeCloseTo(Math.log(2) + 1, 12);
  });
});
