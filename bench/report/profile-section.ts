import type { ProfileSummary } from '../lib/cpu-profile';
import { num, table } from './markdown';

/**
 * A CPU profile's part of a report: `intro` (what ran, and how it was profiled), how long was
 * sampled and how idle the thread was, the file, then self time by package or project folder and
 * the top functions. Without a profile: `intro` and the note saying why.
 *
 * @param note the `.cpuprofile` (and its thread), or why there is none
 */
export function profileSection(heading: string, intro: string, profile: ProfileSummary | null, note: string): string {
  if (!profile) return [heading, '', `${intro} **No profile**: ${note}.`, ''].join('\n');
  return [
    heading,
    '',
    `${intro} ${num(profile.totalMs / 1000, 1)} s sampled, the thread idle ${num(profile.idlePercent)} % of it. Shares below are of the busy time; "self" is time on top of the stack. Profile: ${note}; git-ignored, open it in Chrome DevTools or speedscope for the flame graph.`,
    '',
    'Self time by package or project folder:',
    '',
    table(['where', 'self %', 'self ms'], profile.groups.map((g) => [g.name, num(g.percent, 1), num(g.ms)])),
    '',
    'Top functions by self time:',
    '',
    table(['function (location)', 'self %', 'self ms'], profile.functions.map((f) => [`\`${f.name}\``, num(f.percent, 1), num(f.ms)])),
    '',
  ].join('\n');
}

/** The first `count` groups of a profile as `name 12.3 %`, for a one-line pointer (the goals table). */
export function topGroups(profile: ProfileSummary, count = 3): string {
  return profile.groups
    .slice(0, count)
    .map((g) => `${g.name} ${num(g.percent, 1)} %`)
    .join(', ');
}
