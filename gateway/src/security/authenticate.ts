import { AuthenticationError, createUserTokenVerifier } from '../../../lib/auth';
import type { Principal, TokenVerifier } from '../../../lib/auth';
import type { GatewayConfig } from '../config';

/** Authenticates the `Authorization` header value of a request or of graphql-ws `connection_init`. */
export type Authenticator = (authorization: unknown) => Promise<Principal>;

/**
 * Extracts the token of an `Authorization: Bearer <token>` value (RFC 6750 §2.1).
 *
 * @throws {AuthenticationError} when the value is missing or not a bearer credential
 */
export function bearerToken(authorization: unknown): string {
  if (typeof authorization !== 'string' || authorization.length === 0) {
    throw new AuthenticationError('Authentication required: send Authorization: Bearer <token>');
  }
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i.exec(authorization.trim());
  if (!match) throw new AuthenticationError('Malformed Authorization header: expected Bearer <token>');
  return match[1]!;
}

/**
 * The gateway's authenticator: a bearer token verified with `jose` against `AUTH_JWT_SECRET`
 * (HS256) or `AUTH_JWKS_URL` (RS256/ES256), `iss` / `aud` when configured, scopes read from
 * `AUTH_SCOPES_CLAIM`.
 *
 * @returns a function throwing {@link AuthenticationError} for a missing, malformed, unsigned,
 *   expired or wrongly signed token
 */
export function createAuthenticator(config: GatewayConfig): Authenticator {
  const verify: TokenVerifier = createUserTokenVerifier({
    secret: config.AUTH_JWT_SECRET,
    jwksUrl: config.AUTH_JWKS_URL,
    issuer: config.AUTH_ISSUER,
    audience: config.AUTH_AUDIENCE,
    scopesClaim: config.AUTH_SCOPES_CLAIM,
  });
  return async (authorization) => verify(bearerToken(authorization));
}
