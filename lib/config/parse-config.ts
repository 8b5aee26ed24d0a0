import type { z } from 'zod';

/** Thrown when the environment does not satisfy a config schema; `issues` lists every problem. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly issues: string[]) {
    super(`invalid configuration:\n  ${issues.join('\n  ')}`);
  }
}

/**
 * Parses environment variables once with a zod schema and returns a frozen, typed config.
 *
 * @param schema zod object whose keys are environment variable names
 * @param env the environment to read (normally `process.env`)
 * @returns the parsed, defaulted and frozen config
 * @throws {ConfigError} listing every invalid variable at once
 * @example
 * const config = parseConfig(z.object({ PORT: port(4001) }), process.env);
 */
export function parseConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv): Readonly<z.output<S>> {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`));
  }
  return Object.freeze(result.data);
}
