import { createSubgraphService } from '../../../gateway/src/subgraph-calls';
import type { SubgraphServiceOptions } from '../../../gateway/src/subgraph-calls';
import { eventually } from '../../support/eventually';
import { Gate, callSubgraph, ok, serviceOptions, settle, startFakeSubgraph } from './subgraph-calls-harness';
import type { FakeSubgraph, Reply } from './subgraph-calls-harness';

const QUERY = 'query Post($id: ID!) { post(id: $id) { id title } }';
const MUTATION = 'mutation Publish($id: ID!) { publishPost(id: $id) { id } }';

type Call = { query: string; variables: Record<string, unknown>; context: { user: string | null } };

describe('createSubgraphService sharing of identical in-flight queries', () => {
  let subgraph: FakeSubgraph | undefined;

  afterEach(async () => {
    await subgraph?.close();
    subgraph = undefined;
  });

  /**
   * Starts `calls` concurrently while the subgraph holds every answer until all calls have been
   * handed to the data source and the first request arrived, then lets the answers go.
   */
  async function runConcurrently(calls: Call[], answer: () => Reply = () => ok({ post: { id: '1', title: 'T' } }), overrides: Partial<SubgraphServiceOptions> = {}) {
    const answers = new Gate();
    subgraph = await startFakeSubgraph(async () => {
      await answers.opened;
      return answer();
    });
    let prepared = 0;
    const service = createSubgraphService(
      serviceOptions(subgraph.url, {
        headers: () => {
          prepared += 1;
          return {};
        },
        dedupKey: (context) => (context as Call['context']).user,
        ...overrides,
      }),
    );
    const results = Promise.allSettled(calls.map((call) => callSubgraph(service, { query: call.query, variables: call.variables }, call.context)));
    await eventually(async () => (prepared === calls.length && subgraph!.requests.length >= 1 ? true : undefined));
    await settle();
    answers.open();
    return { service, results: await results };
  }

  const same = (n: number, call: Call): Call[] => Array.from({ length: n }, () => call);

  it('sends one request for 20 concurrent identical queries with the same dedup key and gives all 20 the result', async () => {
    const { results } = await runConcurrently(same(20, { query: QUERY, variables: { id: '1' }, context: { user: 'alice' } }));

    expect(subgraph!.requests).toHaveLength(1);
    const data = results.map((r) => (r.status === 'fulfilled' ? r.value.data : r.reason));
    expect(data).toEqual(Array(20).fill({ post: { id: '1', title: 'T' } }));
    // Each caller parses its own copy: the gateway merges into results, so objects must not be shared.
    expect(data[0]).not.toBe(data[1]);
  });

  it('sends one request per dedup key', async () => {
    await runConcurrently([...same(10, { query: QUERY, variables: { id: '1' }, context: { user: 'alice' } }), ...same(10, { query: QUERY, variables: { id: '1' }, context: { user: 'bob' } })]);

    expect(subgraph!.requests).toHaveLength(2);
  });

  it('sends one request per distinct variables', async () => {
    await runConcurrently([...same(5, { query: QUERY, variables: { id: '1' }, context: { user: 'alice' } }), ...same(5, { query: QUERY, variables: { id: '2' }, context: { user: 'alice' } })]);

    expect(subgraph!.requests).toHaveLength(2);
  });

  it('does not share when the dedup key is null', async () => {
    await runConcurrently(same(5, { query: QUERY, variables: { id: '1' }, context: { user: null } }));

    expect(subgraph!.requests).toHaveLength(5);
  });

  it('never shares mutations', async () => {
    const { results } = await runConcurrently(same(5, { query: MUTATION, variables: { id: '1' }, context: { user: 'alice' } }), () => ok({ publishPost: { id: '1' } }));

    expect(subgraph!.requests).toHaveLength(5);
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
  });

  it('shares a failure with every caller as its own SUBGRAPH_UNAVAILABLE error, then forgets it', async () => {
    const { service, results } = await runConcurrently(same(5, { query: QUERY, variables: { id: '1' }, context: { user: 'alice' } }), () => ({ status: 503 }));

    expect(subgraph!.requests).toHaveLength(1);
    const errors = results.map((r) => (r.status === 'rejected' ? (r.reason as Error) : null));
    for (const error of errors) expect(error).toMatchObject({ extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'content' } });
    expect(errors[0]).not.toBe(errors[1]);

    await callSubgraph(service, { query: QUERY, variables: { id: '1' } }, { user: 'alice' }).catch(() => undefined);
    expect(subgraph!.requests).toHaveLength(2);
  });

  it('sends a new request once the shared one has settled', async () => {
    const { service } = await runConcurrently(same(3, { query: QUERY, variables: { id: '1' }, context: { user: 'alice' } }));

    const response = await callSubgraph(service, { query: QUERY, variables: { id: '1' } }, { user: 'alice' });

    expect(response.data).toEqual({ post: { id: '1', title: 'T' } });
    expect(subgraph!.requests).toHaveLength(2);
  });
});
