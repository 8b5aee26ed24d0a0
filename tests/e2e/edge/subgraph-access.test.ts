import { SignJWT } from 'jose';
import { GATEWAY_CREDENTIAL_HEADER, GATEWAY_ISSUER, signGatewayCredential } from '../../../lib/auth';
import { TEST_SUBGRAPH_SECRET, asGateway, bearer, testToken } from '../../support/auth';
import { useTestStack } from '../../support/stack';
import { firstCode } from './edge-support';

const SUBGRAPHS = ['content', 'achievements', 'experiments', 'emotion'] as const;
type Subgraph = (typeof SUBGRAPHS)[number];

/** A `_entities` call as an attacker on the network would try it. */
const ENTITIES = 'query { _entities(representations: [{ __typename: "Post", id: "00000000-0000-0000-0000-000000000000" }]) { __typename } }';

async function credential(subgraph: string, options: { secret?: string; issuer?: string; typ?: string; expires?: number | string } = {}): Promise<string> {
  return new SignJWT({ scope: 'admin' })
    .setProtectedHeader({ alg: 'HS256', typ: options.typ ?? 'gateway+jwt' })
    .setIssuer(options.issuer ?? GATEWAY_ISSUER)
    .setAudience(subgraph)
    .setSubject('mallory')
    .setIssuedAt()
    .setExpirationTime(options.expires ?? '1m')
    .sign(new TextEncoder().encode(options.secret ?? TEST_SUBGRAPH_SECRET));
}

describe('the edge: subgraphs accept only the gateway', () => {
  const stack = useTestStack();

  async function direct(subgraph: Subgraph, headers: Record<string, string>, query = ENTITIES) {
    const res = await fetch(stack().subgraphUrls[subgraph], {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true', ...headers },
      body: JSON.stringify({ query }),
    });
    return { status: res.status, body: (await res.json()) as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> } };
  }

  const refused: Array<[string, (subgraph: Subgraph) => Promise<Record<string, string>>]> = [
    ['no credential', async () => ({})],
    ["a user's bearer token", async () => bearer()],
    ["a user's token as the credential", async () => ({ [GATEWAY_CREDENTIAL_HEADER]: await testToken() })],
    ['a credential for another subgraph', async (subgraph) => asGateway(subgraph === 'content' ? 'emotion' : 'content')],
    ['an expired credential', async (subgraph) => ({ [GATEWAY_CREDENTIAL_HEADER]: await credential(subgraph, { expires: Math.floor(Date.now() / 1000) - 120 }) })],
    ['a credential signed with another secret', async (subgraph) => ({ [GATEWAY_CREDENTIAL_HEADER]: await credential(subgraph, { secret: 'not-the-subgraph-secret-but-32-chars-long' }) })],
    ['a credential of another issuer', async (subgraph) => ({ [GATEWAY_CREDENTIAL_HEADER]: await credential(subgraph, { issuer: 'someone' }) })],
    ['a credential with a user token type', async (subgraph) => ({ [GATEWAY_CREDENTIAL_HEADER]: await credential(subgraph, { typ: 'JWT' }) })],
  ];

  const matrix = SUBGRAPHS.flatMap((subgraph) => refused.map(([name, headers]) => [subgraph, name, headers] as const));

  it.each(matrix)('%s refuses %s with 401 before any resolver runs', async (subgraph, _name, headers) => {
    const response = await direct(subgraph, await headers(subgraph));
    expect(response.status).toBe(401);
    expect(firstCode(response.body)).toBe('UNAUTHENTICATED');
    expect(response.body.data).toBeUndefined();
  });

  it.each(SUBGRAPHS)('%s refuses a direct mutation without a credential', async (subgraph) => {
    const mutation = {
      content: 'mutation { createPersona(input: { name: "direct", emoji: "x", tone: "y" }) { id } }',
      achievements: 'mutation { createAchievement(input: { title: "direct", category: OTHER, impactScore: 1, complexityScore: 1 }) { id } }',
      experiments: 'mutation { startExperiment(id: "00000000-0000-0000-0000-000000000000") { id } }',
      emotion: '{ analyzeEmotions(text: "direct") { contentHash } }',
    }[subgraph];
    expect((await direct(subgraph, await bearer(), mutation)).status).toBe(401);
  });

  it.each(SUBGRAPHS)('%s answers a caller the gateway vouched for', async (subgraph) => {
    const response = await direct(subgraph, await asGateway(subgraph), '{ _service { sdl } }');
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
  });

  it('the gateway signs credentials per subgraph and caller', async () => {
    const token = await signGatewayCredential(TEST_SUBGRAPH_SECRET, 'content', { sub: 'alice', scopes: new Set(['admin']) });
    expect((await direct('content', { [GATEWAY_CREDENTIAL_HEADER]: token })).status).toBe(200);
    expect((await direct('emotion', { [GATEWAY_CREDENTIAL_HEADER]: token })).status).toBe(401);
  });
});
