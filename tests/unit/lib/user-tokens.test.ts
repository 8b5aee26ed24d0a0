import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import type { KeyLike } from 'jose';
import { AuthenticationError, createUserTokenVerifier, scopesFromClaim } from '../../../lib/auth';

const SECRET = 'a-unit-test-secret-of-at-least-32-chars';

async function token(claims: Record<string, unknown>): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('alice').setExpirationTime('5m').sign(new TextEncoder().encode(SECRET));
}

describe('user tokens', () => {
  it('reads a space-separated scope string (RFC 8693)', () => {
    expect([...scopesFromClaim('admin  content:write')]).toEqual(['admin', 'content:write']);
  });

  it('reads an array of scopes (Entra ID roles)', () => {
    expect([...scopesFromClaim(['admin', 42, '', 'experiments:write'])]).toEqual(['admin', 'experiments:write']);
  });

  it('gives no scope for a missing or odd claim', () => {
    expect(scopesFromClaim(undefined).size).toBe(0);
    expect(scopesFromClaim({ admin: true }).size).toBe(0);
  });

  it.each([
    ['scope', { scope: 'admin' }, ['admin']],
    ['scp', { scp: 'content:write experiments:write' }, ['content:write', 'experiments:write']],
    ['roles', { roles: ['achievements:write'] }, ['achievements:write']],
  ])('takes scopes from the configured claim %s', async (claim, claims, expected) => {
    const verify = createUserTokenVerifier({ secret: SECRET, scopesClaim: claim });
    const principal = await verify(await token(claims));
    expect(principal.sub).toBe('alice');
    expect([...principal.scopes]).toEqual(expected);
  });

  it('ignores scopes in another claim than the configured one', async () => {
    const verify = createUserTokenVerifier({ secret: SECRET, scopesClaim: 'scp' });
    expect((await verify(await token({ scope: 'admin' }))).scopes.size).toBe(0);
  });

  it('explains why a token is refused', async () => {
    const verify = createUserTokenVerifier({ secret: SECRET, scopesClaim: 'scope', issuer: 'https://idp.test' });
    await expect(verify(await token({}))).rejects.toThrow(new AuthenticationError('Token claim invalid: iss (missing)'));
  });

  it('refuses to be configured with both or neither key source', () => {
    expect(() => createUserTokenVerifier({ scopesClaim: 'scope' })).toThrow(/exactly one/);
    expect(() => createUserTokenVerifier({ secret: SECRET, jwksUrl: 'https://idp.test/jwks', scopesClaim: 'scope' })).toThrow(/exactly one/);
  });
});

describe('user tokens from a JWKS endpoint', () => {
  it.each(['RS256', 'ES256'])('verifies %s tokens with keys fetched from the identity provider', async (alg) => {
    const { privateKey, publicKey } = await generateKeyPair(alg);
    const other = await generateKeyPair(alg);
    const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg, use: 'sig' }] };
    let fetches = 0;
    const server = createServer((_req, res) => {
      fetches += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    try {
      const { port } = server.address() as AddressInfo;
      const verify = createUserTokenVerifier({ jwksUrl: `http://127.0.0.1:${port}/jwks`, scopesClaim: 'scope' });
      const sign = (key: KeyLike) =>
        new SignJWT({ scope: 'admin' }).setProtectedHeader({ alg, kid: 'k1' }).setSubject('bob').setExpirationTime('5m').sign(key);
      expect((await verify(await sign(privateKey))).sub).toBe('bob');
      expect((await verify(await sign(privateKey))).scopes.has('admin')).toBe(true);
      expect(fetches).toBe(1);
      await expect(verify(await sign(other.privateKey))).rejects.toBeInstanceOf(AuthenticationError);
      await expect(verify(await token({ scope: 'admin' }))).rejects.toBeInstanceOf(AuthenticationError);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
