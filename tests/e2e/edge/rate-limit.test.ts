import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { testToken } from '../../support/auth';
import { startTestStack } from '../../support/stack';
import type { TestStack } from '../../support/stack';
import { refusalCode, wsClient } from '../../support/ws-client';
import { asUser, firstCode } from './edge-support';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const BUDGET = 10;

describe('the edge: rate limits per principal (Redis)', () => {
  let stack: TestStack;
  let redis: Redis;
  const prefix = `test-rate-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    redis = new Redis(REDIS_URL);
    stack = await startTestStack({ REDIS_URL, RATE_LIMIT_PER_MINUTE: String(BUDGET), RATE_LIMIT_KEY_PREFIX: prefix });
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  const cheap = '{ personas(first: 1) { id } }';

  it('answers 429 RATE_LIMITED with Retry-After once the budget is spent, and not before', async () => {
    const sub = `spender-${randomUUID()}`;
    for (let i = 0; i < BUDGET; i++) {
      const ok = await asUser(stack.gatewayUrl, cheap, {}, { sub });
      expect(ok.status).toBe(200);
    }
    const token = await testToken({ sub });
    const res = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: cheap }),
    });
    const body = (await res.json()) as { errors: Array<{ extensions: { code: string; retryAfter: number } }> };
    expect(res.status).toBe(429);
    expect(body.errors[0]!.extensions.code).toBe('RATE_LIMITED');
    expect(body.errors[0]!.extensions.retryAfter).toBeGreaterThanOrEqual(1);
    expect(body.errors[0]!.extensions.retryAfter).toBeLessThanOrEqual(60);
    expect(Number(res.headers.get('retry-after'))).toBe(body.errors[0]!.extensions.retryAfter);
  });

  it('leaves other principals unaffected', async () => {
    const spent = `spent-${randomUUID()}`;
    for (let i = 0; i <= BUDGET; i++) await asUser(stack.gatewayUrl, cheap, {}, { sub: spent });
    expect(firstCode(await asUser(stack.gatewayUrl, cheap, {}, { sub: spent }))).toBe('RATE_LIMITED');
    const other = await asUser(stack.gatewayUrl, cheap, {}, { sub: `fresh-${randomUUID()}` });
    expect(other.status).toBe(200);
    expect(other.errors).toBeUndefined();
  });

  it('charges an operation its estimated cost when larger (one 1001-cost query spends 11 points)', async () => {
    const sub = `heavy-${randomUUID()}`;
    const heavy = '{ posts(first: 100) { edges { node { id persona { posts(first: 4) { edges { node { id } } } } } } } }';
    const response = await asUser(stack.gatewayUrl, heavy, {}, { sub, headers: { 'x-graphql-cost': 'include' } });
    expect(firstCode(response)).toBe('RATE_LIMITED');
    expect(response.status).toBe(429);
  });

  it('charges a 601-cost query seven points', async () => {
    const sub = `medium-${randomUUID()}`;
    const medium = '{ posts(first: 100) { edges { node { id persona { id posts(first: 1) { edges { node { id } } } } } } } }';
    const first = await asUser(stack.gatewayUrl, medium, {}, { sub, headers: { 'x-graphql-cost': 'include' } });
    expect(first.extensions?.cost).toEqual({ estimated: 601, limit: 5000 });
    expect(first.status).toBe(200);
    expect(firstCode(await asUser(stack.gatewayUrl, medium, {}, { sub }))).toBe('RATE_LIMITED');
  });

  it('keeps the budget in Redis, shared by every gateway replica', async () => {
    const sub = `shared-${randomUUID()}`;
    await asUser(stack.gatewayUrl, cheap, {}, { sub });
    await asUser(stack.gatewayUrl, cheap, {}, { sub });
    expect(await redis.get(`${prefix}:${sub}`)).toBe('2');
  });

  it('refuses a subscribe over the socket once the budget is spent', async () => {
    const sub = `socket-${randomUUID()}`;
    for (let i = 0; i < BUDGET; i++) await asUser(stack.gatewayUrl, cheap, {}, { sub });
    const client = wsClient(stack.gatewayUrl, await testToken({ sub }));
    try {
      expect(await refusalCode(client, 'subscription { postCreated { id } }')).toBe('RATE_LIMITED');
    } finally {
      await client.dispose();
    }
  });

  it('counts refused requests too (an invalid query takes one point)', async () => {
    const sub = `invalid-${randomUUID()}`;
    for (let i = 0; i < BUDGET; i++) await asUser(stack.gatewayUrl, '{ nope }', {}, { sub });
    expect(firstCode(await asUser(stack.gatewayUrl, cheap, {}, { sub }))).toBe('RATE_LIMITED');
  });
});
