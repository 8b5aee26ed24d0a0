import { MAX_TOPIC_LENGTH } from './prompt';

/** What a post about an achievement is written from (the `achievement.created` / `achievements.describe` summary). */
export interface AchievementFacts {
  title: string;
  description: string;
  skills: string[];
  /** USD; null when unknown. */
  businessValue: number | null;
}

/** Skills named in a topic (the seed's trackers keep at most 10 per achievement). */
export const MAX_TOPIC_SKILLS = 10;
const MAX_TITLE_LENGTH = 200;
const MAX_SKILL_LENGTH = 50;
/** A description cut shorter than this is left out rather than kept as a stub. */
const MIN_DESCRIPTION_LENGTH = 20;
const ELLIPSIS = '…';

// Control characters and every run of whitespace become one space: each fact is one line of text.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const SPACES = /[\s\u0000-\u001F\u007F]+/g;
const SHIPPED_PREFIX = /^shipped\s*:\s*/i;

const usd = (fractionDigits: number) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits });
const WHOLE_USD = usd(0);
const CENTS_USD = usd(2);

/** `$120,000`, `$1,234.50`: whole dollars without cents, anything else to the cent. */
export function formatUsd(amount: number): string {
  return Number.isInteger(amount) ? WHOLE_USD.format(amount) : CENTS_USD.format(amount);
}

function oneLine(text: string): string {
  return text.replace(SPACES, ' ').trim();
}

/**
 * `text` cut to at most `max` characters (UTF-16 units, as the topic limit counts): at the last
 * word break of the final 30 characters when there is one, never inside a surrogate pair, with
 * `…` marking the cut.
 */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= ELLIPSIS.length) return ELLIPSIS.slice(0, Math.max(0, max));
  let cut = text.slice(0, max - ELLIPSIS.length);
  const lastCode = cut.charCodeAt(cut.length - 1);
  if (lastCode >= 0xd800 && lastCode <= 0xdbff) cut = cut.slice(0, -1);
  const space = cut.lastIndexOf(' ');
  if (space >= cut.length - 30 && space > 0) cut = cut.slice(0, space);
  return `${cut.trimEnd()}${ELLIPSIS}`;
}

/**
 * The topic of a post about a shipped achievement, the seed's "Shipped: ..." posts: one fact a
 * line, empty facts left out,
 *
 * ```
 * Shipped: <title>                       (a title already starting "Shipped:" is not doubled)
 * What it improved: <description>
 * Business value: <USD amount> (estimated)  (left out when unknown)
 * Skills: <at most 10, comma-separated>
 * ```
 *
 * Each fact is flattened to one line (whitespace and control characters become one space). The
 * result is at most `maxLength` characters (default {@link MAX_TOPIC_LENGTH}, `generatePost`'s
 * topic limit): the title is cut at 200 and each skill at 50 characters, and the description
 * takes what room is left (cut with `…`, or left out when under 20 characters would remain).
 */
export function achievementTopic(achievement: AchievementFacts, maxLength: number = MAX_TOPIC_LENGTH): string {
  const title = truncateText(oneLine(achievement.title).replace(SHIPPED_PREFIX, ''), MAX_TITLE_LENGTH) || 'an achievement';
  const skills = achievement.skills
    .map((skill) => truncateText(oneLine(skill), MAX_SKILL_LENGTH))
    .filter((skill) => skill !== '')
    .slice(0, MAX_TOPIC_SKILLS);
  const head = `Shipped: ${title}`;
  const tail = [
    ...(achievement.businessValue === null ? [] : [`Business value: ${formatUsd(achievement.businessValue)} (estimated)`]),
    ...(skills.length > 0 ? [`Skills: ${skills.join(', ')}`] : []),
  ];
  const label = 'What it improved: ';
  const fixedLength = [head, ...tail].reduce((sum, line) => sum + line.length + 1, -1);
  const room = maxLength - fixedLength - 1 - label.length;
  const description = oneLine(achievement.description);
  const lines = [head];
  if (description !== '' && room >= Math.min(MIN_DESCRIPTION_LENGTH, description.length)) {
    lines.push(`${label}${truncateText(description, room)}`);
  }
  lines.push(...tail);
  return truncateText(lines.join('\n'), maxLength);
}
