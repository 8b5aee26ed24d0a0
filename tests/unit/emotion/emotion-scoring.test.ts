import { countEmotionHits, countPunctuationSurprise, isNegator, scoreEmotions } from '../../../subgraphs/emotion/src/domain/emotion-scoring';
import { EMOTION_WORDS, lookupEmotions } from '../../../subgraphs/emotion/src/domain/lexicon';
import { PLUTCHIK_EMOTIONS, dominantEmotion } from '../../../subgraphs/emotion/src/domain/plutchik';
import { tokenize } from '../../../subgraphs/emotion/src/domain/tokenize';

describe('tokenize', () => {
  it('lower-cases words, keeps inner apostrophes and emoji, drops digits and punctuation', () => {
    expect(tokenize('I don’t LOVE it, 100% 😂!')).toEqual(['i', "don't", 'love', 'it', '😂']);
  });

  it('keeps masked profanity as one token', () => {
    expect(tokenize('f*ck this')).toEqual(['f*ck', 'this']);
  });
});

describe('lookupEmotions', () => {
  it('finds listed words and their regular inflections', () => {
    expect(lookupEmotions('happy')).toEqual(['joy']);
    expect(lookupEmotions('happiest')).toEqual(['joy']);
    expect(lookupEmotions('happiness')).toEqual(['joy']);
    expect(lookupEmotions('worries')).toEqual(['fear']);
    expect(lookupEmotions('hated')).toEqual(['anger']);
    expect(lookupEmotions('sobbing')).toEqual(['sadness']);
    expect(lookupEmotions('sadly')).toEqual(['sadness']);
  });

  it('returns nothing for words outside the lexicon and does not over-stem', () => {
    expect(lookupEmotions('table')).toEqual([]);
    expect(lookupEmotions('career')).toEqual([]);
  });

  it('has several dozen words for every emotion', () => {
    for (const emotion of PLUTCHIK_EMOTIONS) expect(EMOTION_WORDS[emotion].length).toBeGreaterThanOrEqual(60);
  });
});

describe('scoreEmotions', () => {
  it('scores a grateful, happy sentence as joy', () => {
    const scores = scoreEmotions('I am so happy and grateful today');
    // "so happy" = 1.5 hits, "grateful" = 1 hit: 2.5 / 3.5
    expect(scores.joy).toBeCloseTo(2.5 / 3.5, 10);
    expect(dominantEmotion(scores)).toBe('joy');
  });

  it('maps one plain hit to 0.5 and leaves the other emotions at 0', () => {
    expect(scoreEmotions('I am scared of what comes')).toEqual({
      joy: 0, trust: 0, fear: 0.5, surprise: 0, sadness: 0, disgust: 0, anger: 0, anticipation: 0,
    });
  });

  it('scores an angry text as anger', () => {
    const scores = scoreEmotions('I am furious, this is outrageous and I hate it');
    expect(scores.anger).toBeCloseTo(0.75, 10);
    expect(dominantEmotion(scores)).toBe('anger');
  });

  it('scores disgust, fear, surprise, trust and anticipation words', () => {
    expect(dominantEmotion(scoreEmotions('Ew, that is disgusting'))).toBe('disgust');
    expect(dominantEmotion(scoreEmotions('I am terrified and anxious'))).toBe('fear');
    expect(dominantEmotion(scoreEmotions('Wow, what a shocking twist'))).toBe('surprise');
    expect(dominantEmotion(scoreEmotions('I trust my mentor, she is honest and reliable'))).toBe('trust');
    expect(dominantEmotion(scoreEmotions('Eagerly awaiting the upcoming release'))).toBe('anticipation');
  });

  it('returns all zeros for a text without emotion words', () => {
    const scores = scoreEmotions('The meeting is on Tuesday at the office');
    expect(Object.values(scores).every((s) => s === 0)).toBe(true);
    expect(dominantEmotion(scores)).toBe('neutral');
  });

  it('reads social-media words and emoji', () => {
    expect(dominantEmotion(scoreEmotions('lmao this is hilarious 😂'))).toBe('joy');
    expect(dominantEmotion(scoreEmotions('rip, miss him 😭'))).toBe('sadness');
    expect(dominantEmotion(scoreEmotions('ugh wtf is this bullshit 😡'))).toBe('anger');
  });

  it('counts ?! and ?? as surprise', () => {
    expect(countPunctuationSurprise('Really?! No?? Fine! Ok?')).toBe(2);
    expect(scoreEmotions('He did what?!').surprise).toBeCloseTo(0.5, 10);
  });
});

describe('negation', () => {
  it('recognises negators, including any word ending in n\'t and apostrophe-less forms', () => {
    for (const word of ['not', 'never', 'no', "don't", "isn't", 'dont', 'cant', 'without']) expect(isNegator(word)).toBe(true);
    expect(isNegator('note')).toBe(false);
  });

  it('flips a negated joy word to sadness', () => {
    const scores = scoreEmotions('I am not happy');
    expect(scores.sadness).toBeGreaterThan(scores.joy);
    expect(scores).toMatchObject({ joy: 0, sadness: 0.5 });
  });

  it('flips each emotion to its Plutchik opposite', () => {
    expect(countEmotionHits(tokenize("i don't trust them"))).toMatchObject({ trust: 0, disgust: 1 });
    expect(countEmotionHits(tokenize('never scared'))).toMatchObject({ fear: 0, anger: 1 });
    expect(countEmotionHits(tokenize('not surprised'))).toMatchObject({ surprise: 0, anticipation: 1 });
    expect(countEmotionHits(tokenize("i'm not sad"))).toMatchObject({ sadness: 0, joy: 1 });
  });

  it('reaches three tokens back, not four', () => {
    expect(countEmotionHits(tokenize('not at all happy'))).toMatchObject({ joy: 0, sadness: 1 });
    expect(countEmotionHits(tokenize('not in the least happy'))).toMatchObject({ joy: 1, sadness: 0 });
  });

  it('stops at a comma', () => {
    expect(scoreEmotions('I have not played it, I am scared')).toMatchObject({ fear: 0.5, anger: 0 });
  });

  it('keeps fixed phrases whole: "can\'t wait" is anticipation, "not bad" is joy', () => {
    expect(countEmotionHits(tokenize("can't wait for friday"))).toMatchObject({ anticipation: 1, joy: 1, surprise: 0 });
    expect(countEmotionHits(tokenize('not bad at all'))).toMatchObject({ joy: 1, sadness: 0 });
  });
});

describe('intensifiers and dampeners', () => {
  it('weighs an intensified word 1.5 and a dampened word 0.5', () => {
    expect(countEmotionHits(tokenize('really angry')).anger).toBe(1.5);
    expect(countEmotionHits(tokenize('slightly angry')).anger).toBe(0.5);
    expect(scoreEmotions('really angry').anger).toBeCloseTo(0.6, 10);
  });

  it('applies to a negated word too', () => {
    expect(countEmotionHits(tokenize('not very happy'))).toMatchObject({ joy: 0, sadness: 1.5 });
  });
});
