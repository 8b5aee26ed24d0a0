import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { SCOPES, createUserTokenVerifier } from '../../../lib/auth';
import { dashboardUrl, loadOrCreateLocalSecrets, prepareLocalAuth } from '../../../scripts/lib/local-auth';

const GATEWAY_PORT = 4000;

describe('the dashboard URL npm start prints', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dashboard-url-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('carries, in development with a generated secret, a token of developer with every scope that the generated secret verifies', async () => {
    const auth = await prepareLocalAuth({ NODE_ENV: 'development' }, dir);
    const url = dashboardUrl(GATEWAY_PORT, auth.printableToken);
    const token = url.match(/^http:\/\/localhost:4000\/#token=([\w-]+\.[\w-]+\.[\w-]+)$/)?.[1];
    expect(token).toBeDefined();

    const verify = createUserTokenVerifier({ secret: loadOrCreateLocalSecrets(dir).authSecret, scopesClaim: 'scope' });
    const principal = await verify(token!);
    expect(principal.sub).toBe('developer');
    expect([...principal.scopes].sort()).toEqual([...SCOPES].sort());
    const { iat, exp } = decodeJwt(token!);
    expect(exp! - iat!).toBe(7 * 24 * 3600);
    // The gateway is given the same secret, so it accepts the printed token.
    expect(auth.env.AUTH_JWT_SECRET).toBe(loadOrCreateLocalSecrets(dir).authSecret);
  });

  it('prints no token when AUTH_JWT_SECRET is provided', async () => {
    const auth = await prepareLocalAuth({ NODE_ENV: 'development', AUTH_JWT_SECRET: 'a-configured-secret-of-at-least-32-chars' }, dir);
    expect(auth.printableToken).toBeNull();
    expect(auth.env.GRAPHIQL_DEV_TOKEN).toBeUndefined();
    expect(dashboardUrl(GATEWAY_PORT, auth.printableToken)).toBe('http://localhost:4000/');
  });
});
