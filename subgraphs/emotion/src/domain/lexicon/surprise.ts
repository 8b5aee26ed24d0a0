import { wordList } from './word-list';

/**
 * Words of surprise (astonishment, shock, confusion, curiosity, realisation).
 * Project-written; see `joy.ts` for how inflections are matched.
 */
export const SURPRISE_WORDS = wordList(`
  surprise surprised surprising shock shocked shocking astonished astonishing astonish
  amazed astounded astounding stunned stunning startled startling speechless flabbergasted
  unexpected sudden suddenly unbelievable incredible unreal mindblowing dumbfounded
  wow whoa woah omg omfg wtf huh whaat whoah gosh jeez geez holy
  confused confusing confusion puzzled puzzling baffled baffling bewildered perplexed
  curious curiosity wonder wondering intrigued intriguing interesting fascinating
  realize realise realization realisation discover discovery revelation til
  twist weird strange odd bizarre crazy insane wild random peculiar mysterious mystery
  😮 😲 😯 🤯 😳 🙀 ‼ ⁉ 😵 🤔
`);
