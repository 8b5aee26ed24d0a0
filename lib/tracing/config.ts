import { z } from 'zod';
import { parseConfig, tracingFields } from '../config';

const schema = z.object(tracingFields);

/** The tracing settings of a process (`OTEL_*`, see `tracingFields` and the README's configuration table). */
export type TracingConfig = Readonly<z.output<typeof schema>>;

/**
 * Parses the tracing variables of the environment (the same fields every service's config has,
 * read here on their own because tracing starts before a service parses its config).
 *
 * @throws {ConfigError} listing every invalid tracing variable
 */
export function loadTracingConfig(env: NodeJS.ProcessEnv): TracingConfig {
  return parseConfig(schema, env);
}
