import { ConflictError, NotFoundError } from '../../../../lib/errors';
import { parseListLimit, parsePageArgs, validateInput } from '../../../../lib/graphql';
import type { ContentContext } from '../context';
import type { PersonaRow } from '../db/database';
import { insertPersona, listPersonas, updatePersona } from '../db/repositories/personas';
import { createPersonaInput, idSchema, isUuid, updatePersonaInput } from './inputs';

/** Resolvers of `Persona` and the persona queries and mutations. */
export const personaResolvers = {
  Query: {
    personas: (_: unknown, args: { first?: number | null }, ctx: ContentContext) => listPersonas(ctx.db, parseListLimit(args.first)),
    persona: (_: unknown, args: { id: string }, ctx: ContentContext) => ctx.loaders.personaById.load(validateInput(idSchema, args.id)),
  },
  Mutation: {
    async createPersona(_: unknown, args: { input: unknown }, ctx: ContentContext) {
      const input = validateInput(createPersonaInput, args.input);
      const row = await insertPersona(ctx.db, {
        name: input.name,
        emoji: input.emoji,
        tone: input.tone,
        description: input.description,
        hook_model: input.hookModel,
        body_model: input.bodyModel,
        created_by: ctx.caller.sub,
      });
      if (!row) throw new ConflictError(`a persona named "${input.name}" already exists`);
      return row;
    },
    async updatePersona(_: unknown, args: { id: string; input: unknown }, ctx: ContentContext) {
      const id = validateInput(idSchema, args.id);
      const input = validateInput(updatePersonaInput, args.input);
      try {
        const row = await updatePersona(ctx.db, id, {
          name: input.name,
          emoji: input.emoji,
          tone: input.tone,
          description: input.description,
          hook_model: input.hookModel,
          body_model: input.bodyModel,
        });
        if (!row) throw new NotFoundError('Persona', id);
        return row;
      } catch (err) {
        if ((err as { code?: string }).code === '23505') throw new ConflictError(`a persona named "${input.name}" already exists`);
        throw err;
      }
    },
  },
  Persona: {
    __resolveReference: (ref: { id: unknown }, ctx: ContentContext) => (isUuid(ref.id) ? ctx.loaders.personaById.load(ref.id) : null),
    hookModel: (row: PersonaRow) => row.hook_model,
    bodyModel: (row: PersonaRow) => row.body_model,
    createdBy: (row: PersonaRow) => row.created_by,
    createdAt: (row: PersonaRow) => row.created_at,
    updatedAt: (row: PersonaRow) => row.updated_at,
    posts: (row: PersonaRow, args: { first?: number | null; after?: string | null }, ctx: ContentContext) =>
      ctx.loaders.postsOfPersona.load({ personaId: row.id, page: parsePageArgs(args.first, args.after) }),
  },
};
