import type { z } from 'zod';
import { ValidationError } from '../errors';

/**
 * Validates resolver input with zod and returns the parsed value.
 *
 * @throws {ValidationError} (`BAD_USER_INPUT`) listing every invalid field by path
 */
export function validateInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) fields[issue.path.join('.') || 'input'] = issue.message;
  const summary = Object.entries(fields)
    .map(([path, message]) => `${path}: ${message}`)
    .join('; ');
  throw new ValidationError(`Invalid input: ${summary}`, fields);
}
