import type { PlutchikEmotion } from '../plutchik';
import { wordList } from './word-list';

/**
 * Negators: one of these within the 3 tokens before an emotion word flips it to its opposite.
 * Any token ending in `n't` (don't, isn't, can't...) is a negator too; the apostrophe-less
 * spellings common on Reddit are listed.
 */
export const NEGATORS: ReadonlySet<string> = new Set(
  wordList(`
    not no never none nobody nothing nowhere neither nor without cannot hardly barely
    dont doesnt didnt cant couldnt wont wouldnt shouldnt isnt arent wasnt werent aint
    havent hasnt hadnt neednt mustnt
  `),
);

/** Intensifiers: an emotion word right after one (within 2 tokens) weighs {@link INTENSIFIER_WEIGHT}. */
export const INTENSIFIERS: ReadonlySet<string> = new Set(
  wordList(`
    very so really extremely super totally absolutely incredibly truly completely utterly
    deeply highly hella mega insanely fucking freaking frickin seriously especially
    particularly too most much bloody ridiculously honestly literally
  `),
);

/** Dampeners: an emotion word right after one (within 2 tokens) weighs {@link DAMPENER_WEIGHT}. */
export const DAMPENERS: ReadonlySet<string> = new Set(
  wordList(`slightly somewhat kinda sorta little bit mildly fairly rather partly`),
);

/** Weight of an intensified emotion word (a plain hit weighs 1). */
export const INTENSIFIER_WEIGHT = 1.5;
/** Weight of a dampened emotion word. */
export const DAMPENER_WEIGHT = 0.5;

/**
 * Fixed phrases, matched before single words; a negator inside one does not flip it ("can't wait"
 * is eagerness), one before it does. Tokens as produced by the tokenizer (lower case, apostrophes kept).
 */
export const PHRASES: ReadonlyArray<{ tokens: readonly string[]; emotions: readonly PlutchikEmotion[] }> = [
  { tokens: ["can't", 'wait'], emotions: ['anticipation', 'joy'] },
  { tokens: ['cant', 'wait'], emotions: ['anticipation', 'joy'] },
  { tokens: ['cannot', 'wait'], emotions: ['anticipation', 'joy'] },
  { tokens: ['looking', 'forward'], emotions: ['anticipation', 'joy'] },
  { tokens: ['look', 'forward'], emotions: ['anticipation', 'joy'] },
  { tokens: ['stay', 'tuned'], emotions: ['anticipation'] },
  { tokens: ['no', 'doubt'], emotions: ['trust'] },
  { tokens: ['no', 'worries'], emotions: ['trust'] },
  { tokens: ["don't", 'worry'], emotions: ['trust'] },
  { tokens: ['dont', 'worry'], emotions: ['trust'] },
  { tokens: ['no', 'problem'], emotions: ['trust'] },
  { tokens: ['not', 'bad'], emotions: ['joy'] },
  { tokens: ['no', 'way'], emotions: ['surprise'] },
  { tokens: ['oh', 'my', 'god'], emotions: ['surprise'] },
  { tokens: ['oh', 'god'], emotions: ['surprise'] },
  { tokens: ['holy', 'shit'], emotions: ['surprise'] },
  { tokens: ['what', 'the', 'fuck'], emotions: ['surprise', 'anger'] },
  { tokens: ['what', 'the', 'hell'], emotions: ['surprise', 'anger'] },
  { tokens: ['wait', 'what'], emotions: ['surprise'] },
  { tokens: ["can't", 'believe'], emotions: ['surprise'] },
  { tokens: ['cant', 'believe'], emotions: ['surprise'] },
  { tokens: ["don't", 'understand'], emotions: ['surprise'] },
  { tokens: ['dont', 'understand'], emotions: ['surprise'] },
  { tokens: ["didn't", 'know'], emotions: ['surprise'] },
  { tokens: ['didnt', 'know'], emotions: ['surprise'] },
  { tokens: ['no', 'idea'], emotions: ['surprise'] },
  { tokens: ['not', 'sure'], emotions: ['surprise'] },
  { tokens: ['shut', 'up'], emotions: ['anger'] },
  { tokens: ['grow', 'up'], emotions: ['anger'] },
  { tokens: ['screw', 'you'], emotions: ['anger'] },
  { tokens: ['how', 'dare'], emotions: ['anger'] },
  { tokens: ['fed', 'up'], emotions: ['anger'] },
  { tokens: ['sick', 'of'], emotions: ['anger', 'disgust'] },
  { tokens: ['tired', 'of'], emotions: ['anger'] },
  { tokens: ['rest', 'in', 'peace'], emotions: ['sadness'] },
  { tokens: ['let', 'down'], emotions: ['sadness'] },
];
