import { DataSet, RegExpMatcher, englishRecommendedTransformers, parseRawPattern } from 'obscenity';
import type { BlockReason, GuardedPart } from './guardrail';
import { matchableText } from './matchable-text';

/**
 * One root of the violence lexicon: `obscenity` patterns (`|` a word boundary, `?` any
 * character, `[x]` an optional `x`) and whitelisted terms (a match inside one is not reported).
 */
export interface ViolencePhrase {
  /** The reason's category, e.g. `murder`. */
  root: string;
  patterns: readonly string[];
  whitelist?: readonly string[];
}

/** People a violent verb may take as its object (`poison him`), right after the verb. */
const PRONOUNS = ['him', 'her', 'them', 'you', 'someone', 'somebody'];
/** People named by relation (`poison my wife`), after a determiner or not. */
const RELATIONS = ['wife', 'wives', 'husband[s]', 'boss', 'neighbour[s]', 'neighbor[s]', 'partner[s]', 'mom', 'dad', 'friend[s]', 'coworker[s]', 'colleague[s]', 'teacher[s]'];
/** Places a "shoot up" is aimed at (`shoot up a school`), after a determiner or not. */
const PLACES = ['school[s]', 'church', 'mosque', 'synagogue', 'mall', 'ofice', 'classroom', 'campus', 'concert', 'crowd'];

/**
 * Up to 6 characters between a verb and its object: a determiner and its space ("my ", "the ",
 * "their "), or nothing. A pattern per determiner would cost a regular expression each, and
 * every text is run through all of them.
 */
const DETERMINER = '[?][?][?][?][?][?]';

/** `|verb pronoun|` and `|verb <determiner>object|` for each verb form. */
function withObjects(verbs: readonly string[], pronouns: readonly string[], objects: readonly string[]): string[] {
  return verbs.flatMap((verb) => [...pronouns.map((p) => `|${verb} ${p}|`), ...objects.map((o) => `|${verb} ${DETERMINER}${o}|`)]);
}

/** `|word|` for each word. */
const words = (...forms: string[]) => forms.map((form) => `|${form}|`);

/**
 * The offline violence lexicon: the seed's blocklist words in their other forms (the seed's regex
 * matches only `kill`, `bomb` and `suicide` themselves), and a small set of roots of violence
 * against people. Patterns are matched against `obscenity`'s transformed text, where a doubled
 * letter is read once except b, e, o, l, s and g (the English preset's thresholds): "terrorist"
 * is written `terorist`, "office" `ofice`.
 *
 * Left out on purpose: `killer` ("killer feature", "killer app") and a bare `shoot`/`shot`
 * ("photo shoot", "shoot me a message", "sales shot up"): "shoot up" counts only when aimed at a
 * place, `poison` only with a person as its object ("rat poison", "food poisoning" pass).
 * Whitelisted: the idioms "killing it"/"killed it" (said of work, not of a person), "bath bomb(s)",
 * "murder mystery"/"mysteries", "a stab at" and "stab in the dark". "Kill time" is not: the seed's
 * regex blocks any whole-word `kill`, and that behaviour is kept as it was. The OpenAI moderation
 * (with `OPENAI_API_KEY`) remains the check for everything else.
 */
export const VIOLENCE_LEXICON: readonly ViolencePhrase[] = [
  { root: 'kill', patterns: words('kill', 'kills', 'killed', 'killing', 'killings'), whitelist: ['killing it', 'killed it'] },
  { root: 'bomb', patterns: words('bomb', 'bombs', 'bombed', 'bombing', 'bombings', 'bomber', 'bombers'), whitelist: ['bath bomb', 'bath bombs'] },
  { root: 'suicide', patterns: words('suicide', 'suicides', 'suicidal') },
  {
    root: 'murder',
    patterns: words('murder', 'murders', 'murdered', 'murdering', 'murderer', 'murderers', 'murderous'),
    whitelist: ['murder mystery', 'murder mysteries'],
  },
  { root: 'stab', patterns: words('stab', 'stabs', 'stabbed', 'stabbing', 'stabbings'), whitelist: ['a stab at', 'stab in the dark'] },
  {
    root: 'shooting',
    patterns: [
      ...words('mass shooting', 'mass shootings', 'school shooting', 'school shootings', 'shooting spree', 'active shooter'),
      ...withObjects(['shoot up', 'shooting up', 'shot up'], [], PLACES),
    ],
  },
  { root: 'behead', patterns: words('behead', 'beheads', 'beheaded', 'beheading', 'beheadings') },
  { root: 'massacre', patterns: words('massacre', 'massacres', 'massacred', 'massacring') },
  { root: 'assassinate', patterns: words('assassinate', 'assassinates', 'assassinated', 'assassinating', 'assassination') },
  { root: 'poison', patterns: withObjects(['poison', 'poisoned', 'poisoning'], PRONOUNS, RELATIONS) },
  { root: 'terrorist attack', patterns: words('terorist atack', 'terorist atacks', 'teror atack', 'teror atacks') },
];

const dataset = VIOLENCE_LEXICON.reduce(
  (set, phrase) =>
    set.addPhrase((builder) => {
      builder.setMetadata({ root: phrase.root });
      for (const p of phrase.patterns) builder.addPattern(parseRawPattern(p));
      for (const term of phrase.whitelist ?? []) builder.addWhitelistedTerm(term);
      return builder;
    }),
  new DataSet<{ root: string }>(),
);

const matcher = new RegExpMatcher({ ...dataset.build(), ...englishRecommendedTransformers });

/**
 * The violence lexicon ({@link VIOLENCE_LEXICON}) on `text`, through `obscenity` with the
 * English preset's transformers (leet speak, confusable and repeated characters: "k1lling",
 * "muuurder") and each root's whitelist; hexadecimal identifiers are not read as leet speak.
 * One `blocklist` reason per distinct root (its category), in order of first appearance.
 */
export function violenceReasons(text: string, part: GuardedPart): BlockReason[] {
  const roots = new Set(matcher.getAllMatches(matchableText(text), true).map((m) => dataset.getPayloadWithPhraseMetadata(m).phraseMetadata?.root ?? 'violence'));
  return [...roots].map((root) => ({ check: 'blocklist', category: root, detail: part }));
}
