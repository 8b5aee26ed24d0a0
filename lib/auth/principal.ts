/** Who is calling: the token's subject and its OAuth scopes. */
export interface Principal {
  /** The token's `sub` claim. */
  sub: string;
  /** OAuth scopes granted to the token (RFC 8693 §4.2 `scope`, or the configured claim). */
  scopes: ReadonlySet<string>;
}

/** A token is missing, malformed, unsigned, expired or wrongly signed. Maps to `UNAUTHENTICATED`. */
export class AuthenticationError extends Error {
  override readonly name = 'AuthenticationError';
}

/**
 * Reads scopes from a claim value: a space-separated string (RFC 8693, RFC 9068) or an array
 * of strings (Entra ID `roles`, some `scp` claims); anything else gives no scope.
 */
export function scopesFromClaim(value: unknown): Set<string> {
  if (typeof value === 'string') return new Set(value.split(' ').filter((s) => s.length > 0));
  if (Array.isArray(value)) return new Set(value.filter((s): s is string => typeof s === 'string' && s.length > 0));
  return new Set();
}

/** The `scope` claim value (space-separated) of a set of scopes. */
export function scopeString(scopes: Iterable<string>): string {
  return [...scopes].join(' ');
}
