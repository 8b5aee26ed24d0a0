import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * Persona voice (the seed's formatting and reply magnets, seed-reference §2.6 and
 * `reply_magnetizer.py` / `hook_optimizer.py`):
 * - `personas.reply_magnets` (jsonb array of 0..10 strings): one is appended to each post's body.
 * - `personas.hook_emoji`: the hook is wrapped with the persona's emoji (`{emoji} {hook} {emoji}`).
 * - `personas.preferred_hook_styles` (jsonb array of offline-writer styles, lower case; empty: any).
 * The defaults keep the behaviour of existing personas.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .withSchema('content')
    .alterTable('personas')
    .addColumn('reply_magnets', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('hook_emoji', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('preferred_hook_styles', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();
}

/** Drops the three columns. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.withSchema('content').alterTable('personas').dropColumn('preferred_hook_styles').dropColumn('hook_emoji').dropColumn('reply_magnets').execute();
}
