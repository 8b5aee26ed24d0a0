import { scoreEmotions } from '../../../subgraphs/emotion/src/domain/emotion-scoring';
import { dominantEmotion } from '../../../subgraphs/emotion/src/domain/plutchik';
import type { DominantEmotion } from '../../../subgraphs/emotion/src/domain/plutchik';

/**
 * Single-label comments from the GoEmotions dev split (Demszky et al., ACL 2020;
 * google-research/goemotions/data/dev.tsv, Apache-2.0), by comment id, with the label mapped
 * to Plutchik through the dataset's Ekman grouping (gratitude -> joy, grief -> sadness,
 * nervousness -> fear). The test split is never used.
 */
const examples: Array<[id: string, label: string, text: string, expected: DominantEmotion]> = [
  ['eczqguq', 'joy', 'Woot! Happy New Year!', 'joy'],
  ['ednc4qz', 'joy', 'I think everyone would enjoy it more if you did', 'joy'],
  ['eedtm7w', 'gratitude', 'ok, thanks pal', 'joy'],
  ['efdpg9a', 'anger', 'I hate deer. Damn big assed rats', 'anger'],
  ['ed4pao1', 'anger', 'yeah fuck you too okay', 'anger'],
  ['ed4wj8r', 'sadness', 'I miss those days.', 'sadness'],
  ['ed86wsu', 'sadness', "like I said, it's painful.", 'sadness'],
  ['edwloev', 'grief', 'He died 4 days later of dehydration', 'sadness'],
  ['eebz2uw', 'fear', 'That’s terrifying', 'fear'],
  ['ed6q46k', 'nervousness', "I'm getting worried", 'fear'],
  ['eeag3tn', 'surprise', "That's... pretty unexpected actually.", 'surprise'],
  ['ed8tv4k', 'disgust', "Because what you're doing is disgusting and an insult to humanity.", 'disgust'],
  ['ede4v0m', 'neutral', 'There it is!', 'neutral'],
];

describe('scoreEmotions on GoEmotions dev comments', () => {
  it.each(examples)('%s (%s): %s', (_id, _label, text, expected) => {
    expect(dominantEmotion(scoreEmotions(text))).toBe(expected);
  });
});
