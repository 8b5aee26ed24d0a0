/** Session storage key of the bearer token (gone when the tab closes). */
export const TOKEN_KEY = 'threads-agent-token';

/** What token handling needs from the browser (injected, so it is testable). */
export interface TokenEnvironment {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState' | 'state'>;
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
}

/**
 * The token to use: one in the URL fragment (`#token=...`, as `npm start` prints it) is saved to
 * session storage and removed from the address bar (so it is neither bookmarked nor shared by a
 * copied URL; a fragment never reaches a server or a `Referer`); otherwise the saved one, or null.
 */
export function takeToken(env: TokenEnvironment): string | null {
  const fragment = new URLSearchParams(env.location.hash.replace(/^#/, ''));
  const fromUrl = fragment.get('token')?.trim();
  if (fromUrl) {
    env.storage.setItem(TOKEN_KEY, fromUrl);
    fragment.delete('token');
    const rest = fragment.toString();
    env.history.replaceState(env.history.state, '', `${env.location.pathname}${env.location.search}${rest ? `#${rest}` : ''}`);
    return fromUrl;
  }
  return env.storage.getItem(TOKEN_KEY);
}

/** Saves a pasted token (trimmed, an optional `Bearer ` prefix dropped); null for an empty paste. */
export function saveToken(storage: TokenEnvironment['storage'], pasted: string): string | null {
  const token = pasted.trim().replace(/^Bearer\s+/i, '');
  if (!token) return null;
  storage.setItem(TOKEN_KEY, token);
  return token;
}

/** Forgets the token. */
export function clearToken(storage: TokenEnvironment['storage']): void {
  storage.removeItem(TOKEN_KEY);
}

/** The scopes and expiry a token carries (read, not verified: the gateway verifies). */
export interface TokenClaims {
  sub: string | null;
  scopes: string[];
  /** Expiry, ms since the epoch; null when the token has none or cannot be read. */
  expiresAt: number | null;
}

/** Reads a JWT's payload (base64url JSON) for display; empty claims when it is not a JWT. */
export function readClaims(token: string): TokenClaims {
  try {
    const payload = token.split('.')[1];
    if (!payload) throw new Error('not a JWT');
    const json = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { sub?: unknown; scope?: unknown; exp?: unknown };
    const scopes = typeof json.scope === 'string' ? json.scope.split(' ').filter(Boolean) : Array.isArray(json.scope) ? json.scope.map(String) : [];
    return { sub: typeof json.sub === 'string' ? json.sub : null, scopes, expiresAt: typeof json.exp === 'number' ? json.exp * 1000 : null };
  } catch {
    return { sub: null, scopes: [], expiresAt: null };
  }
}
