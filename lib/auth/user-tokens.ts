import { SignJWT, createRemoteJWKSet, errors as joseErrors, jwtVerify } from 'jose';
import type { JWTPayload } from 'jose';
import { AuthenticationError, scopesFromClaim } from './principal';
import type { Principal } from './principal';

/** How user tokens are verified: a JWKS endpoint (RS256/ES256) or a shared HS256 secret. */
export interface UserTokenOptions {
  /** HS256 secret (local use); at least 32 characters. */
  secret?: string;
  /** JWKS endpoint of the identity provider; keys are cached and refreshed by `jose`. */
  jwksUrl?: string;
  /** Expected `iss`, checked when set. */
  issuer?: string;
  /** Expected `aud`, checked when set. */
  audience?: string;
  /** Claim carrying the scopes (`scope` by default; Entra ID uses `scp` or `roles`). */
  scopesClaim: string;
}

/** Verifies a bearer token and returns its principal. */
export type TokenVerifier = (token: string) => Promise<Principal>;

const ASYMMETRIC = ['RS256', 'ES256'];

/**
 * Creates the verifier of user tokens with `jose`: signature (HS256 with `secret`, or RS256 /
 * ES256 from `jwksUrl`), `exp` required and not passed, `iss` / `aud` when configured, `sub`
 * required. Unsigned tokens (`alg: none`) are never accepted: the allowed algorithms are fixed.
 *
 * @throws {Error} at creation when neither or both of `secret` and `jwksUrl` are given
 * @returns a verifier throwing {@link AuthenticationError} with the reason
 */
export function createUserTokenVerifier(options: UserTokenOptions): TokenVerifier {
  if (Boolean(options.secret) === Boolean(options.jwksUrl)) throw new Error('configure exactly one of AUTH_JWT_SECRET and AUTH_JWKS_URL');
  const claims = { issuer: options.issuer, audience: options.audience, requiredClaims: ['exp', 'sub'] };
  let verify: (jwt: string) => Promise<{ payload: JWTPayload }>;
  if (options.secret) {
    const secret = new TextEncoder().encode(options.secret);
    verify = (jwt) => jwtVerify(jwt, secret, { ...claims, algorithms: ['HS256'] });
  } else {
    const jwks = createRemoteJWKSet(new URL(options.jwksUrl!), { cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 });
    verify = (jwt) => jwtVerify(jwt, jwks, { ...claims, algorithms: ASYMMETRIC });
  }
  return async (token) => {
    const payload = await verifyOrExplain(token, verify);
    return { sub: payload.sub!, scopes: scopesFromClaim(payload[options.scopesClaim]) };
  };
}

/**
 * Runs a `jose` verification and turns its failures into {@link AuthenticationError} with a
 * message a client can act on (expired, bad signature, wrong issuer...).
 */
export async function verifyOrExplain(token: string, verify: (token: string) => Promise<{ payload: JWTPayload }>): Promise<JWTPayload> {
  try {
    return (await verify(token)).payload;
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired) throw new AuthenticationError('Token expired');
    if (err instanceof joseErrors.JWTClaimValidationFailed) throw new AuthenticationError(`Token claim invalid: ${err.claim} (${err.reason})`);
    if (err instanceof joseErrors.JOSEAlgNotAllowed) throw new AuthenticationError('Token algorithm not allowed');
    if (err instanceof joseErrors.JWSSignatureVerificationFailed) throw new AuthenticationError('Token signature invalid');
    if (err instanceof joseErrors.JWKSNoMatchingKey) throw new AuthenticationError('Token key unknown');
    if (err instanceof joseErrors.JOSEError) throw new AuthenticationError('Token invalid');
    throw err;
  }
}

/** Claims of a token minted by {@link signUserToken}. */
export interface UserTokenClaims {
  sub: string;
  /** Space-separated scopes. */
  scope: string;
  /** Lifetime, e.g. `1h` or `30d` (jose time span) or seconds. */
  expiresIn: string | number;
  issuer?: string;
  audience?: string;
}

/**
 * Mints an HS256 user token for the configured secret (local development, `npm run token`,
 * tests). Production tokens come from the identity provider.
 */
export async function signUserToken(secret: string, claims: UserTokenClaims): Promise<string> {
  let jwt = new SignJWT({ scope: claims.scope })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(claims.expiresIn);
  if (claims.issuer) jwt = jwt.setIssuer(claims.issuer);
  if (claims.audience) jwt = jwt.setAudience(claims.audience);
  return jwt.sign(new TextEncoder().encode(secret));
}
