import { wordList } from './word-list';

/**
 * Words of anger (rage, annoyance, frustration, disapproval, hostility), social-media profanity
 * included. Project-written; see `joy.ts` for how inflections are matched.
 */
export const ANGER_WORDS = wordList(`
  angry anger mad furious fury rage raging enraged outraged outrage outrageous livid irate
  annoy annoyed annoying annoyance irritated irritating irritate frustrated frustrating
  frustration pissed hate hated hatred resent resentment hostile bitter offended offensive
  insult insulting disrespect disrespectful unfair injustice ridiculous absurd unacceptable
  stupid idiot idiotic moron dumb fool jerk asshole bastard bullshit bs crap damn dammit
  goddamn fuck fucked fck stfu kill fight attack war violence violent abuse abusive cruel
  yell yelling shout rant argue blame smh ugh grr argh screw screwed
  infuriating infuriated seething fuming aggressive revenge vengeance destroy punish
  terrible worst sucks trash garbage disgrace shameful nonsense dislike shit shitty wrong
  bigot fascist troll trolling useless ruthless piss dare goddam arrogant coward entitled
  f*ck f*cking fk wtf
  😡 😠 🤬 👿 💢 🖕
`);
