import { ConflictError, NotFoundError } from '../../../../lib/errors';
import { parseListLimit, parsePageArgs, validateInput } from '../../../../lib/graphql';
import { insertPersona, listPersonas, updatePersona } from '../db/repositories/personas';
import { createPersonaInput, idSchema, isUuid, updatePersonaInput } from './inputs';
import type { HookStyle, MutationResolvers, PersonaResolvers, QueryResolvers } from './types.generated';

/** Resolvers of `Persona` and the persona queries and mutations. */
export const personaResolvers: { Query: QueryResolvers; Mutation: MutationResolvers; Persona: PersonaResolvers } = {
  Query: {
    personas: (_, args, ctx) => listPersonas(ctx.db, parseListLimit(args.first)),
    persona: (_, args, ctx) => ctx.loaders.personaById.load(validateInput(idSchema, args.id)),
  },
  Mutation: {
    async createPersona(_, args, ctx) {
      const input = validateInput(createPersonaInput, args.input);
      const row = await insertPersona(ctx.db, {
        name: input.name,
        emoji: input.emoji,
        tone: input.tone,
        description: input.description,
        hook_model: input.hookModel,
        body_model: input.bodyModel,
        reply_magnets: input.replyMagnets,
        hook_emoji: input.hookEmoji,
        preferred_hook_styles: input.preferredHookStyles,
        auto_publish: input.autoPublish,
        created_by: ctx.caller.sub,
      });
      if (!row) throw new ConflictError(`a persona named "${input.name}" already exists`);
      return row;
    },
    async updatePersona(_, args, ctx) {
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
          reply_magnets: input.replyMagnets,
          hook_emoji: input.hookEmoji,
          preferred_hook_styles: input.preferredHookStyles,
          auto_publish: input.autoPublish,
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
    __resolveReference: (ref, ctx) => (isUuid(ref.id) ? ctx.loaders.personaById.load(ref.id) : null),
    hookModel: (row) => row.hook_model,
    bodyModel: (row) => row.body_model,
    replyMagnets: (row) => row.reply_magnets,
    hookEmoji: (row) => row.hook_emoji,
    autoPublish: (row) => row.auto_publish,
    preferredHookStyles: (row) => row.preferred_hook_styles.map((style) => style.toUpperCase() as HookStyle),
    createdBy: (row) => row.created_by,
    createdAt: (row) => row.created_at,
    updatedAt: (row) => row.updated_at,
    posts: (row, args, ctx) => ctx.loaders.postsOfPersona.load({ personaId: row.id, page: parsePageArgs(args.first, args.after) }),
  },
};
