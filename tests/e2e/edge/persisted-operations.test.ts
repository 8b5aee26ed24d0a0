import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { bearer, testToken } from '../../support/auth';
import { startTestStack } from '../../support/stack';
import type { TestStack } from '../../support/stack';
import { collectSubscription, refusalCode, wsClient } from '../../support/ws-client';
import { firstCode, rawPost } from './edge-support';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const persisted = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

describe('the edge: automatic persisted queries (Redis)', () => {
  let stack: TestStack;
  let redis: Redis;
  const query = `query PersonasForApq_${Date.now()} { personas(first: 2) { id } }`;

  beforeAll(async () => {
    redis = new Redis(REDIS_URL);
    stack = await startTestStack({ REDIS_URL });
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
    const keys = await redis.keys(`threads-agent:apq:*${sha256(query)}`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('asks for the query when only an unknown hash is sent', async () => {
    const response = await rawPost(stack.gatewayUrl, JSON.stringify({ extensions: persisted(sha256(query)) }));
    expect(firstCode(response.body as { errors?: Array<{ extensions?: { code?: string } }> })).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('registers a query with its hash in Redis, then runs it by hash alone', async () => {
    const registered = await rawPost(stack.gatewayUrl, JSON.stringify({ query, extensions: persisted(sha256(query)) }));
    expect(registered.status).toBe(200);
    expect(await redis.keys(`threads-agent:apq:*${sha256(query)}`)).toHaveLength(1);
    const byHash = await rawPost(stack.gatewayUrl, JSON.stringify({ extensions: persisted(sha256(query)) }));
    expect(byHash.status).toBe(200);
    expect((byHash.body as { data: { personas: unknown[] } }).data.personas).toEqual([]);
  });

  it('refuses a hash that does not match the query', async () => {
    const response = await rawPost(stack.gatewayUrl, JSON.stringify({ query, extensions: persisted(sha256('something else')) }));
    expect(response.status).toBe(400);
  });
});

describe('the edge: persisted-operation safelist (PERSISTED_OPERATIONS=enforce)', () => {
  let stack: TestStack;
  let dir: string;
  const listed = 'query ListedPersonas { personas(first: 3) { id name } }';
  const listedSubscription = 'subscription ListedPosts { postCreated { id } }';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'safelist-'));
    const manifest = {
      format: 'apollo-persisted-query-manifest',
      version: 1,
      operations: [
        { id: sha256(listed), name: 'ListedPersonas', type: 'query', body: listed },
        { id: sha256(listedSubscription), name: 'ListedPosts', type: 'subscription', body: listedSubscription },
      ],
    };
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    stack = await startTestStack({ PERSISTED_OPERATIONS: 'enforce', PERSISTED_OPERATIONS_MANIFEST: join(dir, 'manifest.json') });
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs a listed operation by its id', async () => {
    const response = await rawPost(stack.gatewayUrl, JSON.stringify({ extensions: persisted(sha256(listed)) }));
    expect(response.status).toBe(200);
    expect((response.body as { data: { personas: unknown[] } }).data.personas).toEqual([]);
  });

  it('runs a listed operation sent in full', async () => {
    expect((await rawPost(stack.gatewayUrl, JSON.stringify({ query: listed }))).status).toBe(200);
  });

  it('runs a listed operation by id over GET', async () => {
    const search = new URLSearchParams({ extensions: JSON.stringify(persisted(sha256(listed))) });
    const res = await fetch(`${stack.gatewayUrl}?${search}`, { headers: { ...(await bearer()), 'apollo-require-preflight': 'true' } });
    expect(res.status).toBe(200);
  });

  it.each([
    ['an unlisted query', { query: '{ personas { id } }' }],
    ['an unlisted mutation', { query: 'mutation { createPersona(input: { name: "x", emoji: "y", tone: "z" }) { id } }' }],
    ['an unknown id', { extensions: persisted(sha256('unknown')) }],
    ['a listed id with another query', { query: '{ personas { id } }', extensions: persisted(sha256(listed)) }],
    ['a listed query with whitespace changed', { query: listed.replace('{ id', '{  id') }],
  ])('refuses %s with PERSISTED_QUERY_NOT_IN_LIST', async (_name, body) => {
    const response = await rawPost(stack.gatewayUrl, JSON.stringify(body));
    expect(response.status).toBe(400);
    expect(firstCode(response.body as { errors?: Array<{ extensions?: { code?: string } }> })).toBe('PERSISTED_QUERY_NOT_IN_LIST');
  });

  it('refuses an unlisted subscription over graphql-ws and admits a listed one', async () => {
    const client = wsClient(stack.gatewayUrl, await testToken());
    try {
      expect(await refusalCode(client, 'subscription { postCreated { id hook } }')).toBe('PERSISTED_QUERY_NOT_IN_LIST');
      const results = await collectSubscription<{ personas: unknown[] }>(client, listed, {});
      expect(results[0]?.data?.personas).toEqual([]);
    } finally {
      await client.dispose();
    }
  });
});
