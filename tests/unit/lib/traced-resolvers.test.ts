import type { GraphQLResolveInfo } from 'graphql';
import { traceRootResolvers } from '../../../lib/server';

const info = {} as GraphQLResolveInfo;

describe('traceRootResolvers', () => {
  const resolvers = {
    Query: { ping: () => 'pong', answer: { resolve: async () => 42 } },
    Mutation: {
      fail: async () => {
        throw new Error('refused');
      },
    },
    Post: { hook: (post: { hook: string }) => post.hook },
  };

  it('wraps the Query and Mutation resolvers (functions and resolve objects) in a new map and leaves other types untouched', () => {
    const ping = resolvers.Query.ping;
    const traced = traceRootResolvers(resolvers);
    const query = traced.Query as Record<string, unknown>;
    expect(query.ping).not.toBe(resolvers.Query.ping);
    expect((query.answer as { resolve: unknown }).resolve).not.toBe(resolvers.Query.answer.resolve);
    expect(traced.Post).toBe(resolvers.Post);
    expect(traced.Query).not.toBe(resolvers.Query);
    expect(resolvers.Query.ping).toBe(ping);
  });

  it('returns what the resolver returns and rethrows what it throws', async () => {
    const traced = traceRootResolvers(resolvers);
    const query = traced.Query as { ping: (...args: unknown[]) => Promise<unknown>; answer: { resolve: (...args: unknown[]) => Promise<unknown> } };
    const mutation = traced.Mutation as { fail: (...args: unknown[]) => Promise<unknown> };
    await expect(query.ping({}, {}, {}, info)).resolves.toBe('pong');
    await expect(query.answer.resolve({}, {}, {}, info)).resolves.toBe(42);
    await expect(mutation.fail({}, {}, {}, info)).rejects.toThrow('refused');
  });
});
