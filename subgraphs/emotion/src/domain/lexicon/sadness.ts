import { wordList } from './word-list';

/**
 * Words of sadness (grief, disappointment, loneliness, remorse, embarrassment).
 * Project-written; see `joy.ts` for how inflections are matched.
 */
export const SADNESS_WORDS = wordList(`
  sad sadness unhappy sorrow sorrowful sorry grief grieve grieving mourn mourning
  cry crying cried tears teary weep weeping sob sobbing heartbroken heartbreak heartbreaking
  broken depressed depression depressing miserable misery lonely loneliness alone
  hurt hurting pain painful ache aching lost loss lose losing miss missed missing
  regret regretful disappointed disappointing disappointment letdown unfortunately unfortunate
  tragic tragedy rip condolences gloomy glum upset devastated devastating hopeless despair
  empty numb sigh sadly poor pity pitiful shame ashamed embarrassed embarrassing humiliated
  guilt guilty remorse apologize apologise apology fail failed failure defeat defeated died
  funeral suffer suffering struggle struggling exhausted worthless abandoned rejected rejection
  bad bummer bummed melancholy gutted crushed sucks sorrowful homesick nostalgic
  😢 😭 😞 😔 ☹ 🙁 💔 😿 😥 😓 😪 🥺
`);
