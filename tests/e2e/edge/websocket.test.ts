import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { testToken } from '../../support/auth';
import { useTestStack } from '../../support/stack';
import { SubscriptionRefused, collectSubscription, refusalCode, wsClient } from '../../support/ws-client';
import { nestedPosts } from './edge-support';

/** A raw graphql-transport-ws socket: the messages it received and how it closed. */
interface RawSocket {
  socket: WebSocket;
  messages: Array<{ type: string; id?: string; payload?: unknown }>;
  closed: Promise<{ code: number; reason: string }>;
  next(type: string): Promise<{ type: string; id?: string; payload?: unknown }>;
}

function openRaw(url: string): Promise<RawSocket> {
  const socket = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws');
  const messages: RawSocket['messages'] = [];
  const waiters: Array<() => void> = [];
  socket.on('message', (data) => {
    messages.push(JSON.parse(String(data)) as RawSocket['messages'][number]);
    waiters.splice(0).forEach((wake) => wake());
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  const next = async (type: string) => {
    for (;;) {
      const found = messages.find((m) => m.type === type);
      if (found) return found;
      await Promise.race([new Promise<void>((wake) => waiters.push(wake)), closed.then(() => Promise.reject(new Error(`closed before ${type}`)))]);
    }
  };
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ socket, messages, closed, next }));
    socket.once('error', reject);
  });
}

describe('the edge: graphql-ws', () => {
  const stack = useTestStack();
  let token: string;

  beforeAll(async () => {
    token = await testToken();
  });

  it.each([
    ['no payload', undefined],
    ['no Authorization', {}],
    ['a malformed Authorization', { Authorization: 'Bearer' }],
    ['a forged token', { Authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtYWxsb3J5In0.c2lnbmF0dXJl' }],
    ['an unsigned token', { Authorization: `Bearer ${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"x","exp":9999999999}').toString('base64url')}.` }],
  ])('closes the socket with 4403 on connection_init with %s', async (_name, payload) => {
    const raw = await openRaw(stack().gatewayUrl);
    raw.socket.send(JSON.stringify({ type: 'connection_init', ...(payload ? { payload } : {}) }));
    expect((await raw.closed).code).toBe(4403);
  });

  it('closes the socket with 4403 for an expired token', async () => {
    const expired = await testToken({ expiresIn: Math.floor(Date.now() / 1000) - 60 });
    const raw = await openRaw(stack().gatewayUrl);
    raw.socket.send(JSON.stringify({ type: 'connection_init', payload: { Authorization: `Bearer ${expired}` } }));
    expect((await raw.closed).code).toBe(4403);
  });

  it('closes a socket sending a message over 1 MiB (1009)', async () => {
    const raw = await openRaw(stack().gatewayUrl);
    raw.socket.send(JSON.stringify({ type: 'connection_init', payload: { Authorization: `Bearer ${token}` } }));
    await raw.next('connection_ack');
    raw.socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: `{ ${'__typename '.repeat(120_000)} }` } }));
    expect((await raw.closed).code).toBe(1009);
  });

  async function subscribeErrors(query: string, variables: Record<string, unknown> = {}, as = token) {
    const client = wsClient(stack().gatewayUrl, as);
    try {
      return await collectSubscription(client, query, variables).then(
        (results) => ({ results, error: null as unknown }),
        (error: unknown) => ({ results: [], error }),
      );
    } finally {
      await client.dispose();
    }
  }

  const codes = (error: unknown) => (error instanceof SubscriptionRefused ? error.errors.map((e) => [e.extensions?.code, e.extensions?.limit]) : [String(error)]);

  it('refuses a too deep subscription with OPERATION_TOO_COMPLEX (maxDepth)', async () => {
    const deep = `subscription { postCreated { persona { posts(first: 1) { edges { node { persona { posts(first: 1) { edges { node { persona { posts(first: 1) { edges { node { id } } } } } } } } } } } } } }`;
    const { error } = await subscribeErrors(deep);
    expect(codes(error)).toContainEqual(['OPERATION_TOO_COMPLEX', 'maxDepth']);
  });

  it('refuses a too costly subscription with OPERATION_TOO_COMPLEX (cost)', async () => {
    const { error } = await subscribeErrors('subscription { postCreated { persona { posts(first: 100) { edges { node { persona { posts(first: 100) { edges { node { id } } } } } } } } } }');
    expect(codes(error)).toContainEqual(['OPERATION_TOO_COMPLEX', 'cost']);
  });

  it('refuses too many aliases on subscribe', async () => {
    const { error } = await subscribeErrors(`subscription { postCreated { ${Array.from({ length: 20 }, (_, i) => `a${i}: id`).join(' ')} } }`);
    expect(codes(error)).toContainEqual(['OPERATION_TOO_COMPLEX', 'maxAliases']);
  });

  it('refuses a document over the token limit on subscribe', async () => {
    const { error } = await subscribeErrors(`subscription { postCreated { ${'id '.repeat(3000)} } }`);
    expect(codes(error)).toContainEqual(['OPERATION_TOO_COMPLEX', 'maxTokens']);
  });

  it('refuses invalid GraphQL on subscribe', async () => {
    const { error } = await subscribeErrors('subscription { nope }');
    expect(codes(error)[0]?.[0]).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses a mutation without its scope over the socket with FORBIDDEN', async () => {
    const limited = await testToken({ scope: 'experiments:write' });
    const client = wsClient(stack().gatewayUrl, limited);
    try {
      const results = await collectSubscription(client, 'mutation { createPersona(input: { name: "ws", emoji: "x", tone: "y" }) { id } }', {});
      expect(results).toHaveLength(1);
      expect(results[0]?.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(results[0]?.data ?? null).toBeNull();
    } finally {
      await client.dispose();
    }
  });

  it('serves an authenticated subscription (current state first)', async () => {
    const client = wsClient(stack().gatewayUrl, token);
    try {
      const results = await collectSubscription(client, 'subscription($id: ID!) { generationJobUpdated(id: $id) { type job { status } } }', { id: randomUUID() });
      expect(results[0]?.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    } finally {
      await client.dispose();
    }
  });

  it('keeps serving after every refusal above', async () => {
    const client = wsClient(stack().gatewayUrl, token);
    try {
      const results = await collectSubscription<{ personas: unknown[] }>(client, '{ personas(first: 1) { id } }', {});
      expect(results[0]?.errors).toBeUndefined();
      expect(Array.isArray(results[0]?.data?.personas)).toBe(true);
    } finally {
      await client.dispose();
    }
  });

  it('refuses the issue’s depth bomb as a query over the socket', async () => {
    const client = wsClient(stack().gatewayUrl, token);
    try {
      expect(await refusalCode(client, nestedPosts(60, 100))).toBe('OPERATION_TOO_COMPLEX');
    } finally {
      await client.dispose();
    }
  });
});
