import { readFileSync } from 'node:fs';

/** One variable of the README's configuration table. */
export interface ConfigVariable {
  name: string;
  /** The row's default cell, as written (e.g. "`5`", "unset"). */
  defaultText: string;
}

const NAME = /`([A-Z_][A-Z0-9_]*)`/g;

/**
 * Full name of a row's shorthand variable: "`_MAX_DELIVER`" after "`ACHIEVEMENTS_WORKER_CONCURRENCY`"
 * stands for the first name's prefix plus the suffix. Which prefix is meant varies between rows
 * (`ACHIEVEMENTS_MAX_DELIVER`, `EXPERIMENTS_OUTCOMES_MAX_DELIVER`), so the longest prefix whose
 * name the services read wins.
 *
 * @throws {Error} when no prefix gives a name in `knownNames`
 */
function expandShorthand(first: string, suffix: string, knownNames: ReadonlySet<string>): string {
  const segments = first.split('_');
  for (let keep = segments.length - 1; keep > 0; keep--) {
    const candidate = `${segments.slice(0, keep).join('_')}${suffix}`;
    if (knownNames.has(candidate)) return candidate;
  }
  throw new Error(`README configuration table: "${suffix}" after ${first} names no variable the services read`);
}

/**
 * Reads the configuration table of a README (rows `| \`VAR\` | default | meaning |` under the
 * heading `## Configuration`, up to the next `## `): every variable name of a row's first cell,
 * shorthand `_SUFFIX` names expanded against `knownNames` (the names the services' config loaders
 * read).
 *
 * @param readmePath path of README.md
 * @param knownNames names read by the services, to expand shorthand names
 * @returns the variables in table order, without duplicates
 * @throws {Error} when the README has no such table or a shorthand cannot be expanded
 */
export function readConfigTable(readmePath: string, knownNames: ReadonlySet<string>): ConfigVariable[] {
  const text = readFileSync(readmePath, 'utf8');
  const start = text.search(/^## Configuration\s*$/m);
  if (start < 0) throw new Error(`${readmePath}: no "## Configuration" section`);
  const end = text.slice(start + 1).search(/^## /m);
  const section = end < 0 ? text.slice(start) : text.slice(start, start + 1 + end);
  const variables = new Map<string, ConfigVariable>();
  for (const line of section.split('\n')) {
    if (!line.startsWith('| `')) continue;
    const [, nameCell = '', defaultCell = ''] = line.split('|');
    const names = [...nameCell.matchAll(NAME)].map((m) => m[1]!);
    const first = names[0];
    for (const name of names) {
      const full = name.startsWith('_') && first ? expandShorthand(first, name, knownNames) : name;
      if (!variables.has(full)) variables.set(full, { name: full, defaultText: defaultCell.trim() });
    }
  }
  if (variables.size === 0) throw new Error(`${readmePath}: the configuration table has no rows`);
  return [...variables.values()];
}
