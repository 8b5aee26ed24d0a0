import { NotFoundError } from '../errors';

/**
 * Awaits a lookup for a non-null field whose row must exist (a foreign key, a row just written):
 * the row, or a {@link NotFoundError} (`NOT_FOUND`) naming it, instead of a null that GraphQL
 * would report as a bare "Cannot return null for non-nullable field".
 *
 * @example persona: (row, _, ctx) => loadExisting(ctx.loaders.personaById.load(row.persona_id), 'Persona', row.persona_id)
 * @throws {NotFoundError} when the lookup gives null
 */
export async function loadExisting<T>(lookup: Promise<T | null | undefined>, entity: string, id: string): Promise<T> {
  const row = await lookup;
  if (row === null || row === undefined) throw new NotFoundError(entity, id);
  return row;
}
