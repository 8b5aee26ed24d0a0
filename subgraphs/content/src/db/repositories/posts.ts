import { sql } from 'kysely';
import type { Kysely, Transaction, Updateable } from 'kysely';
import type { Cursor, PageArgs } from '../../../../../lib/graphql';
import type { ContentDatabase, NewPost, PersonaRow, PostRow, PostStatus, PostsTable } from '../database';
import { CONTENT_SCHEMA } from '../database';

type Db = Kysely<ContentDatabase> | Transaction<ContentDatabase>;

/** Filter of the `posts` connection. */
export interface PostFilter {
  personaId?: string;
  status?: PostStatus;
}

/** Inserts a post unless one with the same id exists; returns the inserted row, or null when it existed. */
export async function insertPostOnce(db: Db, post: NewPost): Promise<PostRow | null> {
  const row = await db
    .withSchema(CONTENT_SCHEMA)
    .insertInto('posts')
    .values(post)
    .onConflict((oc) => oc.column('id').doNothing())
    .returningAll()
    .executeTakeFirst();
  return row ?? null;
}

/** Posts by id, in one query (DataLoader batch). */
export async function findPostsByIds(db: Db, ids: readonly string[]): Promise<PostRow[]> {
  if (ids.length === 0) return [];
  return db.withSchema(CONTENT_SCHEMA).selectFrom('posts').selectAll().where('id', 'in', ids).execute();
}

/**
 * Updates a post only while its status is one of `statuses` (a compare-and-set on the status, so
 * two writers never both move it) and, when `text` is given, its hook and body are still those
 * (so a score or a guardrail verdict computed from a text never lands on another text); null when
 * not (or when the post does not exist).
 */
export async function updatePostIfStatus(
  db: Db,
  id: string,
  statuses: readonly PostStatus[],
  changes: Updateable<PostsTable>,
  text?: Pick<PostRow, 'hook' | 'body'>,
): Promise<PostRow | null> {
  let update = db
    .withSchema(CONTENT_SCHEMA)
    .updateTable('posts')
    .set({ ...changes, updated_at: new Date() })
    .where('id', '=', id)
    .where('status', 'in', statuses);
  if (text) update = update.where('hook', '=', text.hook).where('body', '=', text.body);
  const row = await update.returningAll().executeTakeFirst();
  return row ?? null;
}

/** Columns of `personas`, read beside each post by {@link listPostsWithPersonas}. */
const PERSONA_COLUMNS = [
  'id', 'name', 'emoji', 'tone', 'description', 'hook_model', 'body_model', 'created_by', 'reply_magnets', 'hook_emoji', 'preferred_hook_styles', 'auto_publish', 'created_at', 'updated_at',
] as const satisfies ReadonlyArray<keyof PersonaRow>;

/**
 * One page of posts, newest first, `limit + 1` rows (the extra one tells if a next page exists),
 * each with its persona read in the same statement (a join), so that a page of posts with their
 * personas costs one SQL statement.
 */
export async function listPostsWithPersonas(db: Db, filter: PostFilter, page: PageArgs): Promise<Array<{ post: PostRow; persona: PersonaRow }>> {
  let query = db
    .withSchema(CONTENT_SCHEMA)
    .selectFrom('posts')
    .innerJoin('personas', 'personas.id', 'posts.persona_id')
    .selectAll('posts')
    .select(PERSONA_COLUMNS.map((column) => `personas.${column} as persona__${column}` as const));
  if (filter.personaId) query = query.where('posts.persona_id', '=', filter.personaId);
  if (filter.status) query = query.where('posts.status', '=', filter.status);
  if (page.after) query = query.where(beforeCursor(page.after, 'posts'));
  const rows = await query.orderBy('posts.created_at', 'desc').orderBy('posts.id', 'desc').limit(page.limit + 1).execute();
  return rows.map((row) => {
    const post: Record<string, unknown> = {};
    const persona: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(row)) {
      if (key.startsWith('persona__')) persona[key.slice('persona__'.length)] = value;
      else post[key] = value;
    }
    return { post: post as PostRow, persona: persona as PersonaRow };
  });
}

/**
 * The same page of posts for several personas in one query (`row_number()` per persona), so
 * that `personas { posts }` costs one statement. Returns `limit + 1` rows per persona at most.
 */
export async function listPostsForPersonas(db: Db, personaIds: readonly string[], page: PageArgs): Promise<PostRow[]> {
  if (personaIds.length === 0) return [];
  let inner = db
    .withSchema(CONTENT_SCHEMA)
    .selectFrom('posts')
    .selectAll()
    .select(sql<number>`row_number() over (partition by persona_id order by created_at desc, id desc)`.as('rank'))
    .where('persona_id', 'in', personaIds);
  if (page.after) inner = inner.where(beforeCursor(page.after));
  const rows = await db
    .selectFrom(inner.as('ranked'))
    .selectAll()
    .where('rank', '<=', page.limit + 1)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(({ rank: _rank, ...post }) => post);
}

/**
 * The newest `limit` posts of each of several achievements in one query (`row_number()` per
 * achievement), newest first (`created_at`, then `id`, descending).
 */
export async function listPostsForAchievements(db: Db, achievementIds: readonly string[], limit: number): Promise<PostRow[]> {
  if (achievementIds.length === 0 || limit <= 0) return [];
  const inner = db
    .withSchema(CONTENT_SCHEMA)
    .selectFrom('posts')
    .selectAll()
    .select(sql<number>`row_number() over (partition by achievement_id order by created_at desc, id desc)`.as('rank'))
    .where('achievement_id', 'in', achievementIds);
  const rows = await db
    .selectFrom(inner.as('ranked'))
    .selectAll()
    .where('rank', '<=', limit)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(({ rank: _rank, ...post }) => post);
}

function beforeCursor(cursor: Cursor, table?: 'posts') {
  if (table) return sql<boolean>`(${sql.ref(`${table}.created_at`)}, ${sql.ref(`${table}.id`)}) < (${cursor.createdAt}, ${cursor.id}::uuid)`;
  return sql<boolean>`(created_at, id) < (${cursor.createdAt}, ${cursor.id}::uuid)`;
}
