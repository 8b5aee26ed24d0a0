import { createHash } from 'node:crypto';

const ADJECTIVES = ['quiet', 'bold', 'patient', 'restless', 'gentle', 'stubborn', 'curious', 'humble', 'fearless', 'steady', 'playful', 'honest', 'careful', 'tired', 'hopeful', 'clumsy', 'brave', 'silent', 'eager', 'lucky'];
const NOUNS = [
  'gardens', 'bridges', 'lanterns', 'harbors', 'orchards', 'kettles', 'ladders', 'rivers', 'meadows', 'engines', 'violins', 'notebooks', 'glaciers',
  'bicycles', 'lighthouses', 'workshops', 'telescopes', 'pottery', 'sailboats', 'chess', 'beekeeping', 'marathons', 'bakeries', 'libraries', 'volcanoes',
  'carpentry', 'astronomy', 'origami', 'typewriters',
];
const DIGITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const SETTINGS = ['on a Monday', 'after a layoff', 'in a small town', 'during a storm', 'at a first job', 'before sunrise', 'in a crowded train', 'after a failure', 'in winter', 'at a wedding', 'on a long flight', 'in a hospital'];

/**
 * The topic of job `index` of a run: an adjective, two nouns, a setting and the index in words
 * that differ from job to job (picked by SHA-256 of the index), so that the offline writer's
 * posts of one persona do not trip the semantic dedup (`DEDUP_THRESHOLD`) as they would with
 * topics differing in one word. The same index always gives the same topic. The index is spelled
 * out digit by digit: the profanity filter reads digits as letters ("717" as "tit").
 *
 * @example chaosTopic(17) // e.g. "Note one-seven: patient lanterns and chess in winter"
 */
export function chaosTopic(index: number): string {
  const hash = createHash('sha256').update(String(index)).digest();
  const at = <T>(items: readonly T[], byte: number) => items[(hash[byte] ?? 0) % items.length] as T;
  const first = at(NOUNS, 1);
  const second = NOUNS[((hash[1] ?? 0) + 1 + ((hash[2] ?? 0) % (NOUNS.length - 1))) % NOUNS.length];
  const spelled = [...String(index)].map((digit) => DIGITS[Number(digit)]).join('-');
  return `Note ${spelled}: ${at(ADJECTIVES, 0)} ${first} and ${second} ${at(SETTINGS, 3)}`;
}
