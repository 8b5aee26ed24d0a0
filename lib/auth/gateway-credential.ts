import { SignJWT, jwtVerify } from 'jose';
import { AuthenticationError, scopeString, scopesFromClaim } from './principal';
import type { Principal } from './principal';
import { verifyOrExplain } from './user-tokens';

/** `iss` of credentials the gateway signs for subgraph requests. */
export const GATEWAY_ISSUER = 'threads-agent-gateway';
/** JOSE `typ` of gateway credentials: a user token (typ `JWT`) is never one. */
export const GATEWAY_CREDENTIAL_TYPE = 'gateway+jwt';
/** Header carrying the gateway credential on subgraph requests. */
export const GATEWAY_CREDENTIAL_HEADER = 'x-gateway-credential';
/** Lifetime of a gateway credential, seconds. */
export const GATEWAY_CREDENTIAL_TTL_SECONDS = 60;

const encode = (secret: string) => new TextEncoder().encode(secret);

/**
 * Signs the short-lived credential (HS256, `SUBGRAPH_JWT_SECRET`) that proves a subgraph
 * request comes from the gateway: `iss` = {@link GATEWAY_ISSUER}, `aud` = the subgraph's name,
 * `typ` = {@link GATEWAY_CREDENTIAL_TYPE}, and the caller's `sub` and `scope`.
 */
export async function signGatewayCredential(secret: string, subgraph: string, caller: Principal): Promise<string> {
  return new SignJWT({ scope: scopeString(caller.scopes) })
    .setProtectedHeader({ alg: 'HS256', typ: GATEWAY_CREDENTIAL_TYPE })
    .setIssuer(GATEWAY_ISSUER)
    .setAudience(subgraph)
    .setSubject(caller.sub)
    .setIssuedAt()
    .setExpirationTime(`${GATEWAY_CREDENTIAL_TTL_SECONDS}s`)
    .sign(encode(secret));
}

/**
 * Verifies a gateway credential for `subgraph` and returns the caller it carries.
 *
 * @throws {AuthenticationError} when it is missing, expired, not for this subgraph, not signed
 *   with the shared secret, or not a gateway credential (a user's own token)
 */
export async function verifyGatewayCredential(secret: string, subgraph: string, token: string | undefined): Promise<Principal> {
  if (!token) throw new AuthenticationError('Subgraphs accept only requests from the gateway');
  const payload = await verifyOrExplain(token, (jwt) =>
    jwtVerify(jwt, encode(secret), {
      algorithms: ['HS256'],
      issuer: GATEWAY_ISSUER,
      audience: subgraph,
      typ: GATEWAY_CREDENTIAL_TYPE,
      requiredClaims: ['exp', 'sub'],
    }),
  );
  return { sub: payload.sub!, scopes: scopesFromClaim(payload.scope) };
}
