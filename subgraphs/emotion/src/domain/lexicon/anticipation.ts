import { wordList } from './word-list';

/**
 * Words of anticipation (expectation, eagerness, planning, desire, hope).
 * Project-written; see `joy.ts` for how inflections are matched.
 */
export const ANTICIPATION_WORDS = wordList(`
  anticipate anticipation anticipating expect expecting expectation await awaiting waiting
  soon upcoming future plan planning prepare preparing ready eager eagerly hope hoping hopeful
  countdown wish wishing desire crave craving longing yearn predict prediction bet
  aim goal intend intention launch release announce announcement teaser
  trailer preview sneak tuned pending patience someday eventually dream dreaming aspire
  ambition prospect potential opportunity promising imminent approaching tomorrow tonight
  weekend deadline schedule scheduled preorder hype hyped excited exciting
  👀 ⏳ 🤞 🔜 🚀
`);
