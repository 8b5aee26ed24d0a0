import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';

/** Root of the repository, where `.env` is looked for. */
const REPOSITORY_ROOT = join(__dirname, '..', '..');

/**
 * Loads `<dir>/.env` into `env` when the file exists (Node's own `util.parseEnv`, the format
 * of `.env.example`). Variables already set in the environment win over the file. Entry points
 * call it once, before parsing their config.
 *
 * @param env the environment to fill (`process.env` by default)
 * @returns the path loaded, or null when there is no `.env`
 * @throws when the file exists but cannot be read
 */
export function loadDotEnv(dir = REPOSITORY_ROOT, env: NodeJS.ProcessEnv = process.env): string | null {
  const path = join(dir, '.env');
  if (!existsSync(path)) return null;
  for (const [name, value] of Object.entries(parseEnv(readFileSync(path, 'utf8')))) {
    if (env[name] === undefined) env[name] = value;
  }
  return path;
}
