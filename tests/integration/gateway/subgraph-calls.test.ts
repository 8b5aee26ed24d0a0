import { z } from 'zod';
import { GraphQLError } from 'graphql';
import { parseConfig } from '../../../lib/config';
import { createSubgraphService, subgraphCallFields, subgraphCallSettings } from '../../../gateway/src/subgraph-calls';
import { callSubgraph, captureLogger, ok, serviceOptions, startFakeSubgraph } from './subgraph-calls-harness';
import type { FakeSubgraph } from './subgraph-calls-harness';

const QUERY = 'query Posts { posts { id } }';

describe('createSubgraphService', () => {
  let subgraph: FakeSubgraph | undefined;

  afterEach(async () => {
    await subgraph?.close();
    subgraph = undefined;
  });

  it('fails a call to a subgraph that never answers with SUBGRAPH_UNAVAILABLE naming the subgraph', async () => {
    subgraph = await startFakeSubgraph(() => 'hang');
    const service = createSubgraphService(serviceOptions(subgraph.url, { timeoutMs: 200 }));

    const error: unknown = await callSubgraph(service, { query: QUERY }).catch((err: unknown) => err);

    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).message).toBe('Subgraph "content" is unavailable: timed out after 200 ms');
    expect((error as GraphQLError).extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'content' });
    expect(subgraph.requests).toHaveLength(1);
  }, 10_000);

  it('retries a query that timed out, up to the configured number of retries', async () => {
    subgraph = await startFakeSubgraph(() => 'hang');
    const service = createSubgraphService(serviceOptions(subgraph.url, { timeoutMs: 100, retries: 2 }));

    await expect(callSubgraph(service, { query: QUERY })).rejects.toMatchObject({ extensions: { code: 'SUBGRAPH_UNAVAILABLE' } });
    expect(subgraph.requests).toHaveLength(3);
  }, 10_000);

  it('reports a refused connection as SUBGRAPH_UNAVAILABLE', async () => {
    const closed = await startFakeSubgraph(() => ok({}));
    await closed.close();
    const service = createSubgraphService(serviceOptions(closed.url, { name: 'emotion' }));

    await expect(callSubgraph(service, { query: QUERY })).rejects.toMatchObject({
      message: 'Subgraph "emotion" is unavailable: connection refused',
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'emotion' },
    });
  });

  it('returns the subgraph result of a healthy call', async () => {
    subgraph = await startFakeSubgraph(() => ok({ posts: [{ id: '1' }] }));
    const service = createSubgraphService(serviceOptions(subgraph.url));

    const response = await callSubgraph(service, { query: QUERY, variables: { first: 1 }, operationName: 'Posts' });

    expect(response.data).toEqual({ posts: [{ id: '1' }] });
    expect(subgraph.requests[0]?.body).toEqual({ query: QUERY, variables: { first: 1 }, operationName: 'Posts' });
  });

  it('sends the headers from options.headers(context) to the subgraph', async () => {
    subgraph = await startFakeSubgraph(() => ok({ posts: [] }));
    const service = createSubgraphService(
      serviceOptions(subgraph.url, {
        headers: async (context) => {
          const { requestId } = context as { requestId: string };
          return { authorization: 'Bearer gateway-secret', 'x-request-id': requestId, traceparent: `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01` };
        },
      }),
    );

    await callSubgraph(service, { query: QUERY }, { requestId: 'req-42' });

    expect(subgraph.requests[0]?.headers).toMatchObject({
      authorization: 'Bearer gateway-secret',
      'x-request-id': 'req-42',
      traceparent: `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01`,
      'content-type': 'application/json',
    });
  });

  it('logs a failure once at warn with the subgraph name and never the headers', async () => {
    subgraph = await startFakeSubgraph(() => ({ status: 503 }));
    const { logger, lines } = captureLogger();
    const service = createSubgraphService(
      serviceOptions(subgraph.url, { retries: 1, logger, headers: () => ({ authorization: 'Bearer gateway-secret' }), dedupKey: () => 'user-1' }),
    );

    const results = await Promise.allSettled([1, 2, 3].map(() => callSubgraph(service, { query: QUERY })));

    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(subgraph.requests).toHaveLength(2);
    const failures = lines.filter((line) => line.msg === 'subgraph call failed');
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ level: 40, subgraph: 'content', reason: 'HTTP 503' });
    expect(JSON.stringify(lines)).not.toContain('gateway-secret');
  });
});

describe('subgraphCallFields', () => {
  const schema = z.object(subgraphCallFields);

  it('defaults to a 10 s timeout, 2 retries and a breaker opening after 5 failures for 10 s', () => {
    expect(subgraphCallSettings(parseConfig(schema, {}))).toEqual({ timeoutMs: 10_000, retries: 2, breaker: { threshold: 5, halfOpenAfterMs: 10_000 } });
  });

  it('reads the variables as numbers and accepts zero retries', () => {
    const config = parseConfig(schema, {
      SUBGRAPH_TIMEOUT_MS: '2500',
      SUBGRAPH_RETRIES: '0',
      SUBGRAPH_BREAKER_THRESHOLD: '3',
      SUBGRAPH_BREAKER_HALF_OPEN_MS: '500',
    });
    expect(subgraphCallSettings(config)).toEqual({ timeoutMs: 2500, retries: 0, breaker: { threshold: 3, halfOpenAfterMs: 500 } });
  });

  it('rejects a zero timeout, negative retries and a zero threshold together', () => {
    expect(() => parseConfig(schema, { SUBGRAPH_TIMEOUT_MS: '0', SUBGRAPH_RETRIES: '-1', SUBGRAPH_BREAKER_THRESHOLD: '0' })).toThrow(
      /SUBGRAPH_TIMEOUT_MS[\s\S]*SUBGRAPH_RETRIES[\s\S]*SUBGRAPH_BREAKER_THRESHOLD/,
    );
  });
});
