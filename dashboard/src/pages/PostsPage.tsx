import { useId, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { ErrorMessage } from '../components/ErrorMessage';
import { dateTime, percent } from '../format';
import { graphql } from '../gql';
import type { PostStatus } from '../gql/graphql';
import './content.css';

const PostsFiltersQuery = graphql(`
  query PostsFilters {
    personas { id name emoji }
  }
`);

const PostsListQuery = graphql(`
  query PostsList($first: Int!, $after: String, $filter: PostFilter) {
    posts(first: $first, after: $after, filter: $filter) {
      edges { cursor node { id hook status qualityScore engagementRate createdAt persona { id name emoji } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

/** Posts per page. */
const PAGE_SIZE = 10;

/** Every `PostStatus`, in its life's order. */
const STATUSES: readonly PostStatus[] = ['DRAFT', 'PUBLISHING', 'PUBLISHED', 'PUBLISH_FAILED', 'ARCHIVED'];

function isStatus(value: string | null): value is PostStatus {
  return STATUSES.includes(value as PostStatus);
}

/**
 * One filter's pages: the cursors of the pages before the current one form a stack (the API's
 * connection pages forward only), so "Previous page" goes back exactly where it came from.
 */
function PostsTable({ personaId, status }: { personaId: string | null; status: PostStatus | null }) {
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const after = cursors[cursors.length - 1] ?? null;
  const filter = personaId || status ? { ...(personaId ? { personaId } : {}), ...(status ? { status } : {}) } : null;
  const [{ data, error, fetching }] = useQuery({ query: PostsListQuery, variables: { first: PAGE_SIZE, after, filter }, requestPolicy: 'cache-and-network' });
  const page = data?.posts;
  const pageNumber = cursors.length;

  return (
    <>
      <ErrorMessage error={error} />
      {fetching && !page ? <p role="status">Loading…</p> : null}
      {page && page.edges.length === 0 ? <p>No post matches these filters.</p> : null}
      {page && page.edges.length > 0 ? (
        <div className="table-wrap">
          <table aria-label={`Posts, page ${pageNumber}`}>
            <thead>
              <tr>
                <th scope="col">Post</th>
                <th scope="col">Persona</th>
                <th scope="col">Status</th>
                <th scope="col">Quality</th>
                <th scope="col">Engagement rate</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {page.edges.map(({ node }) => (
                <tr key={node.id}>
                  <td>
                    <Link to={`/posts/${node.id}`}>{node.hook}</Link>
                  </td>
                  <td>
                    {node.persona.emoji} {node.persona.name}
                  </td>
                  <td>
                    <span className={`badge status-${node.status.toLowerCase()}`}>{node.status}</span>
                  </td>
                  <td>{node.qualityScore === null || node.qualityScore === undefined ? '—' : node.qualityScore.toFixed(2)}</td>
                  <td>{percent(node.engagementRate)}</td>
                  <td>{dateTime(node.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <nav className="pager" aria-label="Pages of posts">
        <button type="button" className="secondary" disabled={pageNumber === 1} onClick={() => setCursors((stack) => stack.slice(0, -1))}>
          Previous page
        </button>
        <span aria-live="polite">
          Page {pageNumber}
        </span>
        <button type="button" className="secondary" disabled={!page?.pageInfo.hasNextPage || !page.pageInfo.endCursor} onClick={() => setCursors((stack) => [...stack, page?.pageInfo.endCursor ?? null])}>
          Next page
        </button>
      </nav>
    </>
  );
}

/**
 * Posts: a table of posts, newest first, a page at a time (the Relay connection `posts`), filtered
 * by persona and status (kept in the address's query, `?persona=<id>&status=DRAFT`, so a post's
 * page leads back to the same list). Each post links to its page.
 */
export default function PostsPage() {
  const [params, setParams] = useSearchParams();
  const [{ data, error }] = useQuery({ query: PostsFiltersQuery });
  const personaField = useId();
  const statusField = useId();
  const personaId = params.get('persona');
  const statusParam = params.get('status');
  const status = isStatus(statusParam) ? statusParam : null;

  const setFilter = (name: 'persona' | 'status', value: string) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );

  return (
    <section aria-labelledby="posts-title">
      <h1 id="posts-title">Posts</h1>
      <ErrorMessage error={error} />
      <form className="inline card" aria-label="Filters" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor={personaField}>Persona</label>
          <select id={personaField} value={personaId ?? ''} onChange={(e) => setFilter('persona', e.target.value)}>
            <option value="">All personas</option>
            {(data?.personas ?? []).map((persona) => (
              <option key={persona.id} value={persona.id}>
                {persona.emoji} {persona.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={statusField}>Status</label>
          <select id={statusField} value={status ?? ''} onChange={(e) => setFilter('status', e.target.value)}>
            <option value="">All statuses</option>
            {STATUSES.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </div>
      </form>
      <PostsTable key={`${personaId ?? ''}|${status ?? ''}`} personaId={personaId} status={status} />
    </section>
  );
}
