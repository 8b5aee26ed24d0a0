import { GraphQLError } from 'graphql';
import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';

/** The fixed set of `extensions.code` values of the public API (brief §4). */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'RATE_LIMITED'
  | 'OPERATION_TOO_COMPLEX'
  | 'SUBGRAPH_UNAVAILABLE'
  | 'BAD_REQUEST'
  | 'INTERNAL_SERVER_ERROR';

/** An entity does not exist. Maps to `NOT_FOUND`. */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
  constructor(readonly entity: string, readonly id: string, options?: ErrorOptions) {
    super(`${entity} ${id} not found`, options);
  }
}

/** Options of a {@link ValidationError}: its cause, and more public details of the problem. */
export interface ValidationErrorOptions extends ErrorOptions {
  /** Added to the error's `extensions` beside `code` and `fields` (e.g. `blockReasons`); JSON values only. */
  details?: Record<string, unknown>;
}

/**
 * Input is invalid; `fields` maps an input path to its problem, `details` says more (both public).
 * Maps to `BAD_USER_INPUT`.
 */
export class ValidationError extends Error {
  override readonly name: string = 'ValidationError';
  readonly details: Record<string, unknown>;
  constructor(message: string, readonly fields: Record<string, string> = {}, options: ValidationErrorOptions = {}) {
    super(message, options);
    this.details = options.details ?? {};
  }
}

/** The request conflicts with the current state (e.g. cancelling a finished job). Maps to `CONFLICT`. */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
}

/**
 * Maps a domain error to a `GraphQLError` with a code from the fixed set; other errors are
 * returned unchanged (and masked later by {@link formatError}).
 */
export function toGraphQLError(error: unknown): unknown {
  if (error instanceof NotFoundError) {
    return new GraphQLError(error.message, { extensions: { code: 'NOT_FOUND', entity: error.entity, id: error.id } });
  }
  if (error instanceof ValidationError) {
    return new GraphQLError(error.message, { extensions: { ...error.details, code: 'BAD_USER_INPUT', fields: error.fields } });
  }
  if (error instanceof ConflictError) {
    return new GraphQLError(error.message, { extensions: { code: 'CONFLICT' } });
  }
  return error;
}

const PUBLIC_CODES = new Set<string>([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'OPERATION_TOO_COMPLEX',
  'SUBGRAPH_UNAVAILABLE',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'PERSISTED_QUERY_NOT_IN_LIST',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/** True for an `extensions.code` clients may see unmasked (the fixed set and Apollo's request errors). */
export function isPublicCode(code: unknown): boolean {
  return typeof code === 'string' && PUBLIC_CODES.has(code);
}

/**
 * Apollo Server `formatError`: domain errors get their public code; anything unexpected is
 * logged by the caller and masked as `INTERNAL_SERVER_ERROR` (no stack, no SQL) unless `expose`.
 *
 * @param expose true in development: keep the original message
 */
export function createFormatError(expose: boolean, onUnexpected: (error: unknown) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const mapped = toGraphQLError(original);
    if (mapped instanceof GraphQLError && mapped !== original) {
      return { ...formatted, message: mapped.message, extensions: { ...mapped.extensions } };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && PUBLIC_CODES.has(code)) {
      const { stacktrace: _s, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    onUnexpected(original);
    if (expose) return formatted;
    return { message: 'Internal server error', path: formatted.path, locations: formatted.locations, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
