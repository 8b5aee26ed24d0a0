import { createSubgraphService } from '../../../gateway/src/subgraph-calls';
import { callSubgraph, ok, serviceOptions, startFakeSubgraph } from './subgraph-calls-harness';
import type { FakeSubgraph } from './subgraph-calls-harness';

const QUERY = 'query Posts { posts { id } }';
const MUTATION = 'mutation Publish($id: ID!) { publishPost(id: $id) { id } }';
const ENTITY_FETCH = 'query($representations:[_Any!]!){_entities(representations:$representations){...on Post{title}}}';

describe('createSubgraphService retries', () => {
  let subgraph: FakeSubgraph | undefined;

  afterEach(async () => {
    await subgraph?.close();
    subgraph = undefined;
  });

  it('retries a query that failed with 503 and returns the answer of the second request', async () => {
    subgraph = await startFakeSubgraph((_request, index) => (index === 0 ? { status: 503 } : ok({ posts: [{ id: '1' }] })));
    const service = createSubgraphService(serviceOptions(subgraph.url, { retries: 2 }));

    const response = await callSubgraph(service, { query: QUERY });

    expect(response.data).toEqual({ posts: [{ id: '1' }] });
    expect(subgraph.requests).toHaveLength(2);
  });

  it('retries the entity fetches of a query plan (they are queries)', async () => {
    subgraph = await startFakeSubgraph((_request, index) => (index === 0 ? { status: 502 } : ok({ _entities: [{ title: 'T' }] })));
    const service = createSubgraphService(serviceOptions(subgraph.url, { retries: 2 }));

    const response = await callSubgraph(service, { query: ENTITY_FETCH, variables: { representations: [{ __typename: 'Post', id: '1' }] } });

    expect(response.data).toEqual({ _entities: [{ title: 'T' }] });
    expect(subgraph.requests).toHaveLength(2);
  });

  it('never retries a mutation that failed with 503', async () => {
    subgraph = await startFakeSubgraph((_request, index) => (index === 0 ? { status: 503 } : ok({ publishPost: { id: '1' } })));
    const service = createSubgraphService(serviceOptions(subgraph.url, { retries: 2 }));

    await expect(callSubgraph(service, { query: MUTATION, variables: { id: '1' } })).rejects.toMatchObject({
      message: 'Subgraph "content" is unavailable: HTTP 503',
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'content' },
    });
    expect(subgraph.requests).toHaveLength(1);
  });

  it('picks the operation by name in a document with a query and a mutation', async () => {
    subgraph = await startFakeSubgraph(() => ({ status: 503 }));
    const service = createSubgraphService(serviceOptions(subgraph.url, { retries: 2 }));

    await expect(callSubgraph(service, { query: `${QUERY} ${MUTATION}`, operationName: 'Publish', variables: { id: '1' } })).rejects.toMatchObject({
      extensions: { code: 'SUBGRAPH_UNAVAILABLE' },
    });
    expect(subgraph.requests).toHaveLength(1);
  });

  it('gives up after the configured retries', async () => {
    subgraph = await startFakeSubgraph(() => ({ status: 500 }));
    const service = createSubgraphService(serviceOptions(subgraph.url, { retries: 2 }));

    await expect(callSubgraph(service, { query: QUERY })).rejects.toMatchObject({ message: 'Subgraph "content" is unavailable: HTTP 500' });
    expect(subgraph.requests).toHaveLength(3);
  });

  it('does not retry GraphQL errors in a 200 response and returns them', async () => {
    subgraph = await startFakeSubgraph(() => ({ status: 200, body: { data: null, errors: [{ message: 'boom', extensions: { code: 'NOT_FOUND' } }] } }));
    const service = createSubgraphService(serviceOptions(subgraph.url, { retries: 2 }));

    const response = await callSubgraph(service, { query: QUERY });

    expect(response.errors).toEqual([{ message: 'boom', extensions: { code: 'NOT_FOUND' } }]);
    expect(subgraph.requests).toHaveLength(1);
  });

  it('does not retry a 4xx answer and leaves its error as RemoteGraphQLDataSource reports it', async () => {
    subgraph = await startFakeSubgraph(() => ({ status: 400, body: { errors: [{ message: 'bad query' }] } }));
    const service = createSubgraphService(serviceOptions(subgraph.url, { retries: 2 }));

    const error: unknown = await callSubgraph(service, { query: QUERY }).catch((err: unknown) => err);

    expect(error).toMatchObject({ message: '400: Bad Request' });
    expect((error as { extensions: { code?: string } }).extensions.code).not.toBe('SUBGRAPH_UNAVAILABLE');
    expect(subgraph.requests).toHaveLength(1);
  });
});
