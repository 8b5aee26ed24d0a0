import { offlineGuardReasons } from '../domain/guardrail';
import type { BlockReason, GuardedPart } from '../domain/guardrail';
import type { Moderator } from '../providers/moderator';

/** What the guardrail needs. */
export interface GuardTextDeps {
  /** OpenAI's moderation (with `OPENAI_API_KEY`); null: the offline checks only. */
  moderator: Moderator | null;
}

/**
 * Runs the guardrail on a topic or a written text, for the generation job and for `updatePost`
 * alike: the seed's blocklist, the violence lexicon and the profanity filter (offline, always),
 * then the moderator when one is configured and the offline checks passed (the seed's order,
 * seed-reference §2.6). Returns the reasons to block; none when it passes.
 *
 * @throws the moderator's error (a job is retried with backoff; `updatePost` fails and writes nothing)
 */
export async function guardText(deps: GuardTextDeps, text: string, part: GuardedPart): Promise<BlockReason[]> {
  const offline = offlineGuardReasons(text, part);
  if (offline.length > 0 || !deps.moderator) return offline;
  return deps.moderator.check(text, part);
}
