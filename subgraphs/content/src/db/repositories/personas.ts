import type { Kysely, Updateable } from 'kysely';
import type { ContentDatabase, PersonaRow, PersonasTable } from '../database';
import { CONTENT_SCHEMA } from '../database';

/** Fields of a new persona. */
export type NewPersona = Pick<PersonaRow, 'name' | 'emoji' | 'tone' | 'description' | 'hook_model' | 'body_model' | 'created_by'>;

/** Inserts a persona; returns null when the name is taken. */
export async function insertPersona(db: Kysely<ContentDatabase>, persona: NewPersona): Promise<PersonaRow | null> {
  const row = await db
    .withSchema(CONTENT_SCHEMA)
    .insertInto('personas')
    .values(persona)
    .onConflict((oc) => oc.column('name').doNothing())
    .returningAll()
    .executeTakeFirst();
  return row ?? null;
}

/** Updates a persona's fields; returns the row, or null when it does not exist. */
export async function updatePersona(
  db: Kysely<ContentDatabase>,
  id: string,
  changes: Updateable<PersonasTable>,
): Promise<PersonaRow | null> {
  const row = await db
    .withSchema(CONTENT_SCHEMA)
    .updateTable('personas')
    .set({ ...changes, updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row ?? null;
}

/** All personas, oldest first. */
export async function listPersonas(db: Kysely<ContentDatabase>, limit: number): Promise<PersonaRow[]> {
  return db.withSchema(CONTENT_SCHEMA).selectFrom('personas').selectAll().orderBy('created_at').orderBy('id').limit(limit).execute();
}

/** Personas by id, in one query (DataLoader batch). */
export async function findPersonasByIds(db: Kysely<ContentDatabase>, ids: readonly string[]): Promise<PersonaRow[]> {
  if (ids.length === 0) return [];
  return db.withSchema(CONTENT_SCHEMA).selectFrom('personas').selectAll().where('id', 'in', ids).execute();
}

/** Personas by name (the seed uses it to stay idempotent). */
export async function findPersonaByName(db: Kysely<ContentDatabase>, name: string): Promise<PersonaRow | null> {
  const row = await db.withSchema(CONTENT_SCHEMA).selectFrom('personas').selectAll().where('name', '=', name).executeTakeFirst();
  return row ?? null;
}

/** Ids of every persona (what a search over every persona's Qdrant collection visits). */
export async function listPersonaIds(db: Kysely<ContentDatabase>): Promise<string[]> {
  const rows = await db.withSchema(CONTENT_SCHEMA).selectFrom('personas').select('id').orderBy('created_at').orderBy('id').execute();
  return rows.map((row) => row.id);
}
