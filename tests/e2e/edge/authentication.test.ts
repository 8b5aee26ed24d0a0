import { SignJWT, UnsecuredJWT } from 'jose';
import { TEST_AUTH_SECRET, testToken } from '../../support/auth';
import { useTestStack } from '../../support/stack';
import { firstCode } from './edge-support';

const ISSUER = 'https://issuer.test';
const AUDIENCE = 'threads-agent-api';
const key = (secret: string) => new TextEncoder().encode(secret);

/** A token as the identity provider of this suite issues it, with claims overridable. */
async function signed(claims: Record<string, unknown> = {}, options: { secret?: string; alg?: string; expires?: string | number | null; typ?: string } = {}): Promise<string> {
  let jwt = new SignJWT({ scope: 'admin', ...claims }).setProtectedHeader({ alg: options.alg ?? 'HS256', typ: options.typ ?? 'JWT' }).setIssuedAt();
  if (!('sub' in claims)) jwt = jwt.setSubject('alice');
  if (!('iss' in claims)) jwt = jwt.setIssuer(ISSUER);
  if (!('aud' in claims)) jwt = jwt.setAudience(AUDIENCE);
  if (options.expires !== null) jwt = jwt.setExpirationTime(options.expires ?? '5m');
  return jwt.sign(key(options.secret ?? TEST_AUTH_SECRET));
}

describe('the edge: authentication', () => {
  const stack = useTestStack({ AUTH_ISSUER: ISSUER, AUTH_AUDIENCE: AUDIENCE });

  async function call(authorization: string | undefined, query = '{ personas(first: 1) { id } }') {
    const res = await fetch(stack().gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization === undefined ? {} : { authorization }) },
      body: JSON.stringify({ query }),
    });
    return { status: res.status, challenge: res.headers.get('www-authenticate'), body: (await res.json()) as { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> } };
  }

  const cases: Array<[string, () => Promise<string | undefined>]> = [
    ['no Authorization header', async () => undefined],
    ['an empty header', async () => ''],
    ['"Bearer" without a token', async () => 'Bearer'],
    ['"Bearer " and spaces', async () => 'Bearer    '],
    ['a Basic credential', async () => 'Basic YWxpY2U6c2VjcmV0'],
    ['another scheme', async () => `Token ${await signed()}`],
    ['a token without a scheme', async () => signed()],
    ['a non-JWT token', async () => 'Bearer not-a-jwt'],
    ['three garbage segments', async () => 'Bearer a.b.c'],
    ['two tokens', async () => `Bearer ${await signed()} ${await signed()}`],
    ['an unsigned token (alg none)', async () => `Bearer ${new UnsecuredJWT({ scope: 'admin' }).setSubject('alice').setIssuer(ISSUER).setAudience(AUDIENCE).setExpirationTime('5m').encode()}`],
    ['a token signed with another secret', async () => `Bearer ${await signed({}, { secret: 'another-secret-of-at-least-32-characters!!' })}`],
    ['an HS512 token (algorithm not allowed)', async () => `Bearer ${await signed({}, { alg: 'HS512' })}`],
    ['an expired token', async () => `Bearer ${await signed({}, { expires: Math.floor(Date.now() / 1000) - 120 })}`],
    ['a token without exp', async () => `Bearer ${await signed({}, { expires: null })}`],
    ['a token without sub', async () => `Bearer ${await signed({ sub: undefined })}`],
    ['a token from another issuer', async () => `Bearer ${await signed({ iss: 'https://evil.test' })}`],
    ['a token for another audience', async () => `Bearer ${await signed({ aud: 'someone-else' })}`],
    ['a token not valid yet (nbf in the future)', async () => `Bearer ${await signed({ nbf: Math.floor(Date.now() / 1000) + 3600 })}`],
    ['a token with a tampered payload', async () => {
      const [header, , signature] = (await signed()).split('.');
      const payload = Buffer.from(JSON.stringify({ sub: 'mallory', scope: 'admin', iss: ISSUER, aud: AUDIENCE, exp: 9_999_999_999 })).toString('base64url');
      return `Bearer ${header}.${payload}.${signature}`;
    }],
    ['a test token without the configured issuer and audience', async () => `Bearer ${await testToken()}`],
  ];

  it.each(cases)('answers %s with 401 UNAUTHENTICATED and runs nothing', async (_name, authorization) => {
    const response = await call(await authorization());
    expect(response.status).toBe(401);
    expect(firstCode(response.body)).toBe('UNAUTHENTICATED');
    expect(response.challenge).toContain('Bearer');
    expect(response.body.data).toBeUndefined();
  });

  it('refuses an anonymous mutation without writing anything', async () => {
    const response = await call(undefined, 'mutation { createPersona(input: { name: "anonymous", emoji: "x", tone: "y" }) { id } }');
    expect(response.status).toBe(401);
    const personas = await call(`Bearer ${await signed()}`, '{ personas { name } }');
    expect(JSON.stringify(personas.body.data)).not.toContain('anonymous');
  });

  it('accepts a valid token of the configured issuer and audience', async () => {
    const response = await call(`Bearer ${await signed()}`);
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
  });

  it('accepts the scheme case-insensitively (RFC 6750)', async () => {
    const response = await call(`bearer ${await signed()}`);
    expect(response.status).toBe(200);
  });

  it('counts every refused caller in gateway_operations_refused_total', async () => {
    const text = await (await fetch(`http://127.0.0.1:${stack().gatewayAdminPort}/metrics`)).text();
    const refused = Number(/gateway_operations_refused_total\{[^}]*reason="unauthenticated"[^}]*\} (\d+)/.exec(text)?.[1] ?? 0);
    expect(refused).toBeGreaterThanOrEqual(cases.length + 1);
  });

  it('keeps the GraphiQL page open to browsers without a token', async () => {
    const res = await fetch(stack().gatewayUrl, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<html');
  });
});
