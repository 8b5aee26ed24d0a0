import { randomBytes } from 'node:crypto';
import { GATEWAY_CREDENTIAL_HEADER, SCOPES, signGatewayCredential, signUserToken } from '../../lib/auth';

/** HS256 secret of user tokens in this test process (the stack's `AUTH_JWT_SECRET`). */
export const TEST_AUTH_SECRET = randomBytes(32).toString('base64url');
/** HS256 secret of gateway credentials in this test process (`SUBGRAPH_JWT_SECRET`). */
export const TEST_SUBGRAPH_SECRET = randomBytes(32).toString('base64url');

/** The variables a suite's services need to verify the test process's tokens. */
export const TEST_AUTH_ENV = { AUTH_JWT_SECRET: TEST_AUTH_SECRET, SUBGRAPH_JWT_SECRET: TEST_SUBGRAPH_SECRET } as const;

/** A user token for the test secret: `sub` `test-user` and every scope unless given. */
export async function testToken(options: { sub?: string; scope?: string; expiresIn?: string | number } = {}): Promise<string> {
  return signUserToken(TEST_AUTH_SECRET, {
    sub: options.sub ?? 'test-user',
    scope: options.scope ?? SCOPES.join(' '),
    expiresIn: options.expiresIn ?? '10m',
  });
}

/** `Authorization: Bearer <test token>` headers (see {@link testToken}). */
export async function bearer(options: Parameters<typeof testToken>[0] = {}): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await testToken(options)}` };
}

/**
 * Headers of a request made as the gateway to `subgraph` (a gateway credential for the test
 * secret, caller `test-gateway-caller` with every scope), for suites calling a subgraph directly.
 */
export async function asGateway(subgraph: string, scopes: readonly string[] = SCOPES): Promise<Record<string, string>> {
  const token = await signGatewayCredential(TEST_SUBGRAPH_SECRET, subgraph, { sub: 'test-gateway-caller', scopes: new Set(scopes) });
  return { [GATEWAY_CREDENTIAL_HEADER]: token };
}
