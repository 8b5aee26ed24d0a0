import type { Kysely } from 'kysely';
import type { ContentDatabase, PersonaRow } from '../database';
import { CONTENT_SCHEMA } from '../database';

/** Fields of a new persona. */
export type NewPersona = Pick<PersonaRow, 'name' | 'emoji' | 'tone' | 'description' | 'hook_model' | 'body_model' | 'created_by'> &
  Partial<Pick<PersonaRow, 'reply_magnets' | 'hook_emoji' | 'preferred_hook_styles' | 'auto_publish'>>;

/** Changes to a persona: any column but the keys and timestamps (jsonb arrays as arrays). */
export type PersonaChanges = Partial<Omit<NewPersona, 'created_by'>>;

/** The row as Kysely writes it: jsonb arrays as JSON text. */
function toColumns<T extends PersonaChanges>(persona: T) {
  const { reply_magnets, preferred_hook_styles, ...rest } = persona;
  return {
    ...rest,
    ...(reply_magnets !== undefined && { reply_magnets: JSON.stringify(reply_magnets) }),
    ...(preferred_hook_styles !== undefined && { preferred_hook_styles: JSON.stringify(preferred_hook_styles) }),
  };
}

/** Inserts a persona; returns null when the name is taken. */
export async function insertPersona(db: Kysely<ContentDatabase>, persona: NewPersona): Promise<PersonaRow | null> {
  const row = await db
    .withSchema(CONTENT_SCHEMA)
    .insertInto('personas')
    .values(toColumns(persona))
    .onConflict((oc) => oc.column('name').doNothing())
    .returningAll()
    .executeTakeFirst();
  return row ?? null;
}

/** Updates a persona's fields; returns the row, or null when it does not exist. */
export async function updatePersona(
  db: Kysely<ContentDatabase>,
  id: string,
  changes: PersonaChanges,
): Promise<PersonaRow | null> {
  const row = await db
    .withSchema(CONTENT_SCHEMA)
    .updateTable('personas')
    .set({ ...toColumns(changes), updated_at: new Date() })
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
