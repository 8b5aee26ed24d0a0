import { wordList } from './word-list';

/**
 * Words of fear (anxiety, worry, dread, danger, nervousness).
 * Project-written; see `joy.ts` for how inflections are matched.
 */
export const FEAR_WORDS = wordList(`
  afraid fear fearful scared scare scary terrified terrify terrifying terror horror horrified
  horrifying frightened frighten frightening fright panic panicked anxious anxiety nervous
  nervousness worried worry worrying worrisome dread dreadful nightmare creepy spooky eerie
  threat threaten threatening danger dangerous risk risky unsafe insecure alarm alarming
  concern concerned uneasy tense tension stress stressed stressful paranoid paranoia phobia
  shaking shaky tremble trembling shiver helpless vulnerable doom doomed crisis emergency
  deadly lethal fatal overwhelmed overwhelming desperate hesitant timid apprehensive
  jittery jumpy spooked petrified freak freaked yikes eek gulp
  scream screaming haunted haunting ominous sinister suspicious unsettling disturbing
  hostage victim trapped cornered hunted stalk stalker survive survival
  😨 😰 😱 😟 😧 😬 😖 🥶
`);
