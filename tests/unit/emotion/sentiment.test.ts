import { readFileSync } from 'node:fs';
import { SentimentIntensityAnalyzer } from 'vader-sentiment';
import { parseGoEmotionsTsv } from '../../../subgraphs/emotion/src/domain/emotion-model/goemotions-data';
import { segmentText } from '../../../subgraphs/emotion/src/domain/segmentation';
import { scoreSentiment, vaderWords } from '../../../subgraphs/emotion/src/domain/sentiment';
import { GOEMOTIONS_DEV } from '../../support/goemotions';

/** vader-sentiment's own scores, renamed as `scoreSentiment` returns them. */
function libraryScores(text: string) {
  const { pos, neg, neu, compound } = SentimentIntensityAnalyzer.polarity_scores(text);
  return { positive: pos, negative: neg, neutral: neu, compound };
}

describe('vaderWords', () => {
  it('strips one listed punctuation run from either end, keeps emoticons and drops one-character tokens', () => {
    expect(vaderWords('I said: "great!!!" ... :) a ?!?wow ok.. (yes)')).toEqual(['said', '"great!!!"', '...', ':)', 'wow', 'ok..', '(yes)']);
    expect(vaderWords('Good. !bad ,nice, x😂!')).toEqual(['Good', 'bad', ',nice,', 'x😂']);
  });
});

describe('scoreSentiment (VADER)', () => {
  it('gives a positive compound to a happy sentence and a negative one to a sad sentence', () => {
    expect(scoreSentiment('I am so happy!')).toEqual({ positive: 0.682, negative: 0, neutral: 0.318, compound: 0.6468 });
    expect(scoreSentiment('This is terrible and sad.').compound).toBeLessThan(-0.5);
  });

  it('scores an empty text as all zeros', () => {
    expect(scoreSentiment('')).toEqual({ positive: 0, negative: 0, neutral: 0, compound: 0 });
  });

  it('gives the numbers of vader-sentiment on caps, boosters, "but", "kind of", idioms, negation and punctuation', () => {
    const texts = [
      'The food is GREAT but the service is NOT good!!!',
      'It was kind of good, sort of bad, kinda ok',
      'This is the shit, yeah right, the bomb',
      'I am not at all happy :( and never so sad?!?',
      'Absolutely AMAZING, extremely good... ?? !!',
      '  whitespace\tand\nlines  , "quoted" (paren) -dash- ',
      'least happy, at least good, very least bad',
    ];
    for (const text of texts) expect({ text, scores: scoreSentiment(text) }).toEqual({ text, scores: libraryScores(text) });
  });

  it('gives the numbers of vader-sentiment on every GoEmotions dev comment and its sentences', () => {
    const texts = parseGoEmotionsTsv(readFileSync(GOEMOTIONS_DEV, 'utf8')).flatMap((row) => [row.text, ...segmentText(row.text)]);
    const differing = texts.filter((text) => JSON.stringify(scoreSentiment(text)) !== JSON.stringify(libraryScores(text)));
    expect(texts.length).toBeGreaterThan(13_000);
    expect(differing).toEqual([]);
  });
});
