import { createHash } from 'node:crypto';
import type { GenerationBrief } from './prompt';

/** Hook and body written without a language model. */
export interface OfflinePost {
  hook: string;
  body: string;
}

const HOOKS: Record<string, Array<(topic: string) => string>> = {
  question: [(t) => `What if everything you believe about ${t} is only half the story?`, (t) => `Have you ever stopped to ask what ${t} is teaching you?`],
  statistic: [(t) => `9 out of 10 people get ${t} wrong. Here's the 10th.`, (t) => `Most of us spend years on ${t} and miss one thing.`],
  story: [(t) => `Yesterday ${t} changed how I see everything.`, (t) => `I used to ignore ${t}. Then this happened.`],
  bold: [(t) => `${capitalize(t)} is the most underrated idea of our time.`, (t) => `Stop scrolling: ${t} matters more than you think.`],
  contrarian: [(t) => `Unpopular opinion: ${t} is not the problem.`, (t) => `Everyone is wrong about ${t}, and here is why.`],
};

const VOICES: Record<string, { opener: string[]; closer: string[] }> = {
  kind: {
    opener: ['Be gentle with yourself as you think about it.', 'There is grace in every part of it.', 'Love is patient, and so is understanding.'],
    closer: ['Peace be with you.', 'You are not alone in this.', 'Share this with someone who needs it today.'],
  },
  hype: {
    opener: ['This is going to be huge.', 'We are so early on this.', 'The future is arriving faster than anyone expects.'],
    closer: ['Build it. Ship it. Repeat.', 'Who is with me?', 'To the moon.'],
  },
};

const MIDDLES = [
  (t: string) => `The real question about ${t} is what we do next.`,
  (t: string) => `When you look closely at ${t}, the pattern is obvious.`,
  () => 'Small steps, taken daily, add up to something remarkable.',
  (t: string) => `Nobody talks about the quiet side of ${t}.`,
  () => 'The people who win are the ones who keep showing up.',
  () => 'Curiosity beats certainty every single time.',
];

const SENTENCE_COUNT = { short: 2, medium: 4, long: 6 } as const;

/**
 * Shortest body written: the start of the seed's good body band (`BODY_BAND`, 200 characters,
 * seed-reference §2.6), so offline posts pass the quality gate (`QUALITY_MIN`, 0.7).
 */
const MIN_BODY_LENGTH = 200;

/**
 * Deterministic, persona- and topic-aware post writer used when no LLM is configured: the same
 * brief always gives the same hook and body. Variant dimensions pick the hook style (`question`,
 * `statistic`, `story`, `bold`, `contrarian`), the voice (`tone`) and the length.
 *
 * `brief.variation` (a rewrite after a duplicate, see `domain/dedup.ts`) turns every seeded pick
 * by that many steps, so rewrites differ from the first text and from each other: another hook
 * style (unless the variant fixes it), hook, opener and closer, and the body's middle sentences
 * move on by as many as the body has (a medium body's middles of variations 0, 1, 2 are
 * disjoint). A body shorter than {@link MIN_BODY_LENGTH} takes the next middle sentences until it
 * is long enough (so a `short` body has about 200 characters). From variation 3 the seed changes too (a rewrite that only turned the picks once
 * more would repeat variation 0). Variation 0 (or none) writes what the brief always wrote.
 */
export function writeOfflinePost(brief: GenerationBrief): OfflinePost {
  const topic = summarizeTopic(brief.topic);
  const turn = brief.variation ?? 0;
  // Openers and closers come in threes, so three turns are disjoint; later rewrites also reseed.
  const round = Math.floor(turn / 3);
  const seed = createHash('sha256')
    .update(`${brief.persona.name}\n${brief.topic}\n${JSON.stringify(brief.dimensions)}${round > 0 ? `\n${round}` : ''}`)
    .digest();
  const pick = <T>(items: T[], byte: number): T => items[((seed[byte] ?? 0) + turn) % items.length] as T;
  const styles = Object.keys(HOOKS);
  const style = brief.dimensions.hookStyle && HOOKS[brief.dimensions.hookStyle] ? brief.dimensions.hookStyle : pick(styles, 0);
  const hookTemplate = pick(HOOKS[style] ?? [], 1);
  const voice = VOICES[brief.dimensions.tone ?? brief.persona.tone] ?? VOICES[brief.persona.tone] ?? VOICES.kind!;
  const count = SENTENCE_COUNT[brief.dimensions.length ?? 'medium'];
  const sentences = [pick(voice.opener, 2)];
  // Consecutive middles from a seeded start: distinct, as a body needs at most 4 of the 6.
  const firstMiddle = (seed[3] ?? 0) + turn * (count - 2);
  const middle = (i: number) => (MIDDLES[(firstMiddle + i) % MIDDLES.length] ?? MIDDLES[0]!)(topic);
  let i = 0;
  for (; sentences.length < count - 1; i++) sentences.push(middle(i));
  const closer = `${pick(voice.closer, 9)} ${brief.persona.emoji}`;
  // The quality gate's body band starts at 200 characters: a body short of it takes more middles.
  for (; [...sentences, closer].join(' ').length < MIN_BODY_LENGTH && i < MIDDLES.length; i++) sentences.push(middle(i));
  sentences.push(closer);
  return { hook: hookTemplate(topic), body: sentences.join(' ') };
}

/** Topic as it reads inside a sentence: one line, at most 80 characters, no trailing punctuation. */
export function summarizeTopic(topic: string): string {
  const oneLine = topic.replace(/\s+/g, ' ').trim();
  const short = oneLine.length > 80 ? `${oneLine.slice(0, 77).replace(/\s+\S*$/, '')}...` : oneLine;
  return short.replace(/[.!?,;:]+$/, '');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
