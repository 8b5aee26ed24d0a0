import { wordList } from './word-list';

/**
 * Words of disgust (revulsion, contempt, distrust: disgust is trust's opposite).
 * Project-written; see `joy.ts` for how inflections are matched.
 */
export const DISGUST_WORDS = wordList(`
  disgust disgusting disgusted gross nasty vile revolting repulsive repugnant sickening
  nauseating nauseous yuck yucky ew eww ewww gag vomit puke filthy dirty rotten stink stinky
  smelly creep creepy pathetic cringe cringey cringy cringeworthy trash trashy garbage toxic
  awful horrible hideous ugly loathe loathing despise abhor contempt shameful disgrace
  disgraceful scum sleazy slimy sleaze perverted pervert corrupt corruption hypocrite
  hypocritical hypocrisy fake liar lie lies lying fraud scam scammer cheat cheater cheating
  betray betrayal dishonest shady sketchy untrustworthy distrust mistrust deceive deceitful
  greedy selfish lame cheap tacky ignorant shitty bigot bigoted racist sexist dislike
  😒 🙄 🤮 🤢 💩
`);
