import { createSubgraphService } from '../../../gateway/src/subgraph-calls';
import { eventually } from '../../support/eventually';
import { Gate, callSubgraph, ok, serviceOptions, settle, sleep, startFakeSubgraph } from './subgraph-calls-harness';
import type { FakeSubgraph } from './subgraph-calls-harness';

const QUERY = 'query Posts($n: Int) { posts(first: $n) { id } }';
const OPEN = { message: 'Subgraph "content" is unavailable: circuit breaker is open after repeated failures', extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'content' } };

describe('createSubgraphService circuit breaker', () => {
  let subgraph: FakeSubgraph | undefined;

  afterEach(async () => {
    await subgraph?.close();
    subgraph = undefined;
  });

  it('fails fast without a request after threshold consecutive failures', async () => {
    subgraph = await startFakeSubgraph(() => ({ status: 503 }));
    const service = createSubgraphService(serviceOptions(subgraph.url, { breaker: { threshold: 3, halfOpenAfterMs: 60_000 } }));

    for (let i = 0; i < 3; i++) {
      await expect(callSubgraph(service, { query: QUERY })).rejects.toMatchObject({ message: 'Subgraph "content" is unavailable: HTTP 503' });
    }
    expect(subgraph.requests).toHaveLength(3);

    await expect(callSubgraph(service, { query: QUERY })).rejects.toMatchObject(OPEN);
    await expect(callSubgraph(service, { query: 'mutation { publish }' })).rejects.toMatchObject(OPEN);
    expect(subgraph.requests).toHaveLength(3);
  });

  it('counts only consecutive failures: a success in between resets the count', async () => {
    subgraph = await startFakeSubgraph((_request, index) => (index === 1 ? ok({ posts: [] }) : { status: 503 }));
    const service = createSubgraphService(serviceOptions(subgraph.url, { breaker: { threshold: 2, halfOpenAfterMs: 60_000 } }));

    const outcomes = [];
    for (let i = 0; i < 3; i++) outcomes.push(await callSubgraph(service, { query: QUERY }).then(() => 'ok', () => 'failed'));

    expect(outcomes).toEqual(['failed', 'ok', 'failed']);
    expect(subgraph.requests).toHaveLength(3);
  });

  it('lets one probe through after halfOpenAfterMs and closes on a healthy answer', async () => {
    subgraph = await startFakeSubgraph((_request, index) => (index < 2 ? { status: 503 } : ok({ posts: [] })));
    const service = createSubgraphService(serviceOptions(subgraph.url, { breaker: { threshold: 2, halfOpenAfterMs: 500 } }));
    for (let i = 0; i < 2; i++) await callSubgraph(service, { query: QUERY }).catch(() => undefined);
    await expect(callSubgraph(service, { query: QUERY })).rejects.toMatchObject(OPEN);

    // Calls fail fast until the delay has passed; the first one after it is the probe.
    await eventually(() => callSubgraph(service, { query: QUERY }).then((response) => response.data ?? undefined, () => undefined), 10_000, 50);
    expect(subgraph.requests).toHaveLength(3);

    await callSubgraph(service, { query: QUERY });
    await callSubgraph(service, { query: QUERY });
    expect(subgraph.requests).toHaveLength(5);
  });

  it('reopens when the probe fails', async () => {
    subgraph = await startFakeSubgraph(() => ({ status: 503 }));
    const service = createSubgraphService(serviceOptions(subgraph.url, { breaker: { threshold: 1, halfOpenAfterMs: 500 } }));
    await callSubgraph(service, { query: QUERY }).catch(() => undefined);

    await eventually(async () => {
      await callSubgraph(service, { query: QUERY }).catch(() => undefined);
      return subgraph!.requests.length === 2 ? true : undefined;
    }, 10_000, 50);

    await expect(callSubgraph(service, { query: QUERY })).rejects.toMatchObject(OPEN);
    expect(subgraph.requests).toHaveLength(2);
  });

  it('sends only the probe while half open; waiting calls go through once it succeeded', async () => {
    const probeAnswer = new Gate();
    subgraph = await startFakeSubgraph(async (_request, index) => {
      if (index === 0) return { status: 503 };
      if (index === 1) await probeAnswer.opened;
      return ok({ posts: [] });
    });
    const service = createSubgraphService(serviceOptions(subgraph.url, { breaker: { threshold: 1, halfOpenAfterMs: 300 } }));
    await callSubgraph(service, { query: QUERY }).catch(() => undefined);
    await sleep(400);

    const calls = Promise.allSettled([1, 2, 3, 4, 5].map((n) => callSubgraph(service, { query: QUERY, variables: { n } })));
    await eventually(async () => (subgraph!.requests.length >= 2 ? true : undefined));
    await settle();
    const whileHalfOpen = subgraph.requests.length;
    probeAnswer.open();
    const results = await calls;

    expect(whileHalfOpen).toBe(2);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value.data : r.reason))).toEqual(Array(5).fill({ posts: [] }));
    expect(subgraph.requests).toHaveLength(6);
  });
});
