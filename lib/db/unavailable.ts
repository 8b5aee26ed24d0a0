/**
 * Node socket errors and Postgres SQLSTATEs that mean "the database cannot be reached now", not
 * "this statement is wrong": class 08 (connection exception) and 57P01..57P03 (admin shutdown,
 * crash shutdown, cannot connect now: the server is starting or stopping). See the Postgres
 * manual, appendix A, "PostgreSQL Error Codes".
 */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', '57P01', '57P02', '57P03']);

/** pg's own messages for a connection that died or could not be had (they carry no code). */
const UNAVAILABLE_MESSAGES = [/Connection terminated/i, /timeout exceeded when trying to connect/i, /Client has encountered a connection error/i];

/**
 * True when `error` says Postgres cannot be reached (down, restarting, the connection lost), as
 * opposed to an error of the statement itself: the request may succeed when retried. Looks
 * through the wrappers an error may come in: `cause`, graphql-js's `originalError` and, for a
 * thrown value that is not an `Error` (graphql-js's `NonErrorThrown`), `thrownValue`.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return unavailableWithin(error, 0);
}

function unavailableWithin(error: unknown, depth: number): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const { code, message, cause, originalError, thrownValue } = error as { code?: unknown; message?: unknown; cause?: unknown; originalError?: unknown; thrownValue?: unknown };
  if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
  if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message))) return true;
  return [cause, originalError, thrownValue].some((inner) => inner !== error && unavailableWithin(inner, depth + 1));
}
