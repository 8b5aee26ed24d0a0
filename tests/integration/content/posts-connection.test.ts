import type { PostRow } from '../../../subgraphs/content/src/db/database';
import { insertPersona, insertPost, startContentHarness } from './harness';
import { errorCode } from '../../support/graphql';
import type { ContentHarness } from './harness';

interface PostsPage {
  edges: Array<{ cursor: string; node: { id: string; persona: { id: string } } }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

const postsQuery = `query($first: Int, $after: String, $filter: PostFilter) {
  posts(first: $first, after: $after, filter: $filter) {
    edges { cursor node { id persona { id } } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

/** Newest first, ties on `created_at` broken by id (descending), as the API orders them. */
const newestFirst = (rows: PostRow[]) =>
  [...rows].sort((a, b) => b.created_at.getTime() - a.created_at.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)).map((row) => row.id);

const selectsFromPosts = (statements: string[]) => statements.filter((sql) => /^\s*select/i.test(sql) && sql.includes('from "content"."posts"'));

describe('posts connection', () => {
  let h: ContentHarness;
  let jesus: string;
  let elon: string;
  let quiet: string;
  let jesusPosts: PostRow[];
  let elonPosts: PostRow[];

  beforeAll(async () => {
    h = await startContentHarness();
    jesus = await insertPersona(h.db, 'ai-jesus');
    elon = await insertPersona(h.db, 'ai-elon', 'hype');
    quiet = await insertPersona(h.db, 'ai-quiet');
    const base = Date.parse('2026-11-01T12:00:00.000Z');
    const at = (minutes: number) => new Date(base + minutes * 60_000);
    // 7 posts of ai-jesus; three share one timestamp so the id tie-break is exercised.
    jesusPosts = [];
    for (const minutes of [0, 1, 2, 2, 2, 5, 9]) jesusPosts.push(await insertPost(h.db, { personaId: jesus, createdAt: at(minutes) }));
    elonPosts = [await insertPost(h.db, { personaId: elon, createdAt: at(3) }), await insertPost(h.db, { personaId: elon, createdAt: at(7) })];
    await h.db.withSchema('content').updateTable('posts').set({ status: 'PUBLISHED' }).where('id', 'in', [jesusPosts[1]!.id, elonPosts[0]!.id]).execute();
  });

  afterAll(async () => {
    await h?.stop();
  });

  async function page(variables: Record<string, unknown>): Promise<PostsPage> {
    return (await h.data<{ posts: PostsPage }>(postsQuery, variables)).posts;
  }

  async function walk(first: number, filter?: Record<string, unknown>): Promise<{ ids: string[]; pages: PostsPage[] }> {
    const pages: PostsPage[] = [];
    let after: string | null = null;
    for (;;) {
      const current: PostsPage = await page({ first, after, filter });
      pages.push(current);
      if (!current.pageInfo.hasNextPage) break;
      after = current.pageInfo.endCursor;
      if (pages.length > 20) throw new Error('pagination does not end');
    }
    return { ids: pages.flatMap((p) => p.edges.map((e) => e.node.id)), pages };
  }

  it('pages through the 7 posts of a persona 3 at a time, newest first, without duplicates or gaps', async () => {
    const { ids, pages } = await walk(3, { personaId: jesus });
    expect(pages.map((p) => p.edges.length)).toEqual([3, 3, 1]);
    expect(pages.map((p) => p.pageInfo.hasNextPage)).toEqual([true, true, false]);
    expect(pages.map((p) => p.pageInfo.hasPreviousPage)).toEqual([false, true, true]);
    expect(ids).toEqual(newestFirst(jesusPosts));
    expect(new Set(ids).size).toBe(7);
    for (const p of pages) {
      expect(p.pageInfo.startCursor).toBe(p.edges[0]?.cursor);
      expect(p.pageInfo.endCursor).toBe(p.edges[p.edges.length - 1]?.cursor);
    }
  });

  it('pages through every post when not filtered', async () => {
    const { ids, pages } = await walk(4);
    expect(pages.map((p) => p.edges.length)).toEqual([4, 4, 1]);
    expect(ids).toEqual(newestFirst([...jesusPosts, ...elonPosts]));
  });

  it('filters by persona and by status', async () => {
    const elonOnly = await page({ first: 10, filter: { personaId: elon } });
    expect(elonOnly.edges.map((e) => e.node.id)).toEqual(newestFirst(elonPosts));
    expect(elonOnly.edges.every((e) => e.node.persona.id === elon)).toBe(true);
    expect(elonOnly.pageInfo.hasNextPage).toBe(false);

    const published = await page({ first: 10, filter: { status: 'PUBLISHED' } });
    expect(published.edges.map((e) => e.node.id)).toEqual(newestFirst([jesusPosts[1]!, elonPosts[0]!]));
    const jesusPublished = await page({ first: 10, filter: { personaId: jesus, status: 'PUBLISHED' } });
    expect(jesusPublished.edges.map((e) => e.node.id)).toEqual([jesusPosts[1]!.id]);
    expect((await page({ first: 10, filter: { personaId: quiet } })).edges).toEqual([]);
  });

  it('reports no next page when a page ends exactly at the last post', async () => {
    const { pages } = await walk(7, { personaId: jesus });
    expect(pages.map((p) => p.edges.length)).toEqual([7]);
    expect(pages[0]?.pageInfo.hasNextPage).toBe(false);
  });

  it('rejects a bad cursor, a page size outside 0..100 and a malformed persona id with BAD_USER_INPUT', async () => {
    expect(errorCode(await h.gql(postsQuery, { first: 2, after: 'not-a-cursor' }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await h.gql(postsQuery, { first: 101 }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await h.gql(postsQuery, { first: -1 }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await h.gql(postsQuery, { first: 2, filter: { personaId: 'p-1' } }))).toBe('BAD_USER_INPUT');
  });

  it('pages through Persona.posts the same way', async () => {
    const query = `query($id: ID!, $after: String) { persona(id: $id) { posts(first: 3, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } } }`;
    const ids: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 3; i++) {
      const { persona }: { persona: { posts: PostsPage } } = await h.data(query, { id: jesus, after });
      ids.push(...persona.posts.edges.map((e) => e.node.id));
      expect(persona.posts.pageInfo.hasNextPage).toBe(i < 2);
      after = persona.posts.pageInfo.endCursor;
    }
    expect(ids).toEqual(newestFirst(jesusPosts));
  });

  it('loads the first posts of 3 personas with one select on posts', async () => {
    h.statements.length = 0;
    const { personas } = await h.data<{ personas: Array<{ id: string; posts: PostsPage }> }>(
      '{ personas { id posts(first: 2) { edges { cursor node { id persona { id } } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }',
    );
    expect(selectsFromPosts(h.statements)).toHaveLength(1);
    const byId = new Map(personas.map((p) => [p.id, p.posts]));
    expect(byId.get(jesus)?.edges.map((e) => e.node.id)).toEqual(newestFirst(jesusPosts).slice(0, 2));
    expect(byId.get(jesus)?.pageInfo.hasNextPage).toBe(true);
    expect(byId.get(elon)?.edges.map((e) => e.node.id)).toEqual(newestFirst(elonPosts));
    expect(byId.get(elon)?.pageInfo.hasNextPage).toBe(false);
    expect(byId.get(quiet)?.edges).toEqual([]);
    expect(byId.get(quiet)?.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null });
  });
});
