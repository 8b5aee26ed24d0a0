export { SCOPES } from './scopes';
export type { Scope } from './scopes';
export { AuthenticationError, scopeString, scopesFromClaim } from './principal';
export type { Principal } from './principal';
export { createUserTokenVerifier, signUserToken, verifyOrExplain } from './user-tokens';
export type { TokenVerifier, UserTokenClaims, UserTokenOptions } from './user-tokens';
export {
  GATEWAY_CREDENTIAL_HEADER,
  GATEWAY_CREDENTIAL_TTL_SECONDS,
  GATEWAY_CREDENTIAL_TYPE,
  GATEWAY_ISSUER,
  signGatewayCredential,
  verifyGatewayCredential,
} from './gateway-credential';
