import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter, useLocation } from 'react-router';
import { Client, Provider, fetchExchange } from 'urql';
import { afterEach, describe, expect, it } from 'vitest';
import PostsPage from './PostsPage';

const PERSONAS = [
  { __typename: 'Persona', id: '11111111-1111-4111-8111-111111111111', name: 'ai-jesus', emoji: '🙏' },
  { __typename: 'Persona', id: '22222222-2222-4222-8222-222222222222', name: 'ai-elon', emoji: '🚀' },
];

/** 13 posts, newest first: a first page of 10 and a second of 3 (cursor = the post's number). */
const POSTS = Array.from({ length: 13 }, (_, i) => ({
  __typename: 'Post',
  id: `post-${i + 1}`,
  hook: `Hook number ${i + 1}`,
  status: 'DRAFT',
  qualityScore: 0.8,
  engagementRate: null,
  createdAt: '2026-11-29T12:00:00.000Z',
  persona: PERSONAS[i % 2],
}));

interface Request {
  operationName: string;
  variables: { first?: number; after?: string | null; filter?: { personaId?: string } | null };
}

/** A gateway answering PostsFilters and PostsList from {@link POSTS}, recording each PostsList request. */
function fakeGateway(requests: Request['variables'][]) {
  return async (_url: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const body = JSON.parse(String(init?.body)) as Request;
    if (body.operationName === 'PostsFilters') return Response.json({ data: { personas: PERSONAS } });
    requests.push(body.variables);
    const { first = 10, after, filter } = body.variables;
    const matching = POSTS.filter((post) => !filter?.personaId || post.persona!.id === filter.personaId);
    const start = after ? matching.findIndex((post) => post.id === after) + 1 : 0;
    const page = matching.slice(start, start + first);
    return Response.json({
      data: {
        posts: {
          __typename: 'PostConnection',
          edges: page.map((node) => ({ __typename: 'PostEdge', cursor: node.id, node })),
          pageInfo: { __typename: 'PageInfo', hasNextPage: start + first < matching.length, endCursor: page[page.length - 1]?.id ?? null },
        },
      },
    });
  };
}

function Address() {
  const location = useLocation();
  return <output data-testid="address">{`${location.pathname}${location.search}`}</output>;
}

function renderPage(requests: Request['variables'][]) {
  const client = new Client({ url: 'http://gateway.test/graphql', exchanges: [fetchExchange], fetch: fakeGateway(requests), preferGetMethod: false });
  render(
    <Provider value={client}>
      <MemoryRouter initialEntries={['/posts']}>
        <PostsPage />
        <Address />
      </MemoryRouter>
    </Provider>,
  );
}

const hooks = () => within(screen.getByRole('table', { name: /Posts, page/ })).getAllByRole('link').map((link) => link.textContent);

describe('PostsPage', () => {
  afterEach(cleanup);

  it('pages forward with the last cursor and back to the exact page it came from', async () => {
    const requests: Request['variables'][] = [];
    renderPage(requests);
    await waitFor(() => expect(hooks()).toHaveLength(10));
    expect(hooks()[0]).toBe('Hook number 1');
    expect(screen.getByRole('button', { name: 'Previous page' })).toHaveProperty('disabled', true);

    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() => expect(hooks()).toEqual(['Hook number 11', 'Hook number 12', 'Hook number 13']));
    expect(requests[requests.length - 1]).toEqual({ first: 10, after: 'post-10', filter: null });
    expect(screen.getByRole('table', { name: 'Posts, page 2' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Next page' })).toHaveProperty('disabled', true);

    fireEvent.click(screen.getByRole('button', { name: 'Previous page' }));
    await waitFor(() => expect(hooks()[0]).toBe('Hook number 1'));
    expect(screen.getByRole('table', { name: 'Posts, page 1' })).toBeTruthy();
  });

  it('filters by persona from page 1, keeping the filter in the address and linking each post to its page', async () => {
    const requests: Request['variables'][] = [];
    renderPage(requests);
    await waitFor(() => expect(hooks()).toHaveLength(10));
    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() => expect(hooks()).toHaveLength(3));

    await waitFor(() => expect(screen.getAllByRole('option', { name: '🚀 ai-elon' })).toHaveLength(1));
    fireEvent.change(screen.getByLabelText('Persona'), { target: { value: PERSONAS[1]!.id } });
    await waitFor(() => expect(hooks()).toEqual(['Hook number 2', 'Hook number 4', 'Hook number 6', 'Hook number 8', 'Hook number 10', 'Hook number 12']));
    expect(requests[requests.length - 1]).toEqual({ first: 10, after: null, filter: { personaId: PERSONAS[1]!.id } });
    expect(screen.getByTestId('address').textContent).toBe(`/posts?persona=${PERSONAS[1]!.id}`);
    expect(screen.getByRole('link', { name: 'Hook number 2' }).getAttribute('href')).toBe('/posts/post-2');
  });
});
