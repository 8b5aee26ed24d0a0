import type { Logger } from '../../lib/logger';

type Call = <T>(query: string, variables?: Record<string, unknown>) => Promise<T>;

function caller(url: string, token: string | undefined): Call {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
  return async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    const text = await res.text();
    let body: { data?: T | null; errors?: unknown[] };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new Error(`seed request failed: HTTP ${res.status} ${text.slice(0, 200)}`);
    }
    if (body.errors?.length || !body.data) throw new Error(`seed request failed: HTTP ${res.status} ${JSON.stringify(body.errors)}`);
    return body.data;
  };
}

/**
 * The seed personas (Threads-Agent's two demo voices), with the seed's formatting (emoji around
 * the hook), reply magnets (`reply_magnetizer.py`) and preferred hook categories
 * (`hook_optimizer.py`: story/social proof/curiosity gap for ai-jesus, controversy/pattern
 * interrupt/social proof for ai-elon, mapped to the offline writer's styles).
 */
export const SEED_PERSONAS = [
  {
    name: 'ai-jesus',
    emoji: '🙏',
    tone: 'kind',
    description: 'Gentle, compassionate reflections on everyday life.',
    hookEmoji: true,
    replyMagnets: ['What wisdom would you add? 🙏'],
    preferredHookStyles: ['STORY', 'QUESTION', 'STATISTIC'],
  },
  {
    name: 'ai-elon',
    emoji: '🚀',
    tone: 'hype',
    description: 'Bold takes on technology, startups and the future.',
    hookEmoji: true,
    replyMagnets: ['Prove the simulation wrong 🚀'],
    preferredHookStyles: ['CONTRARIAN', 'BOLD', 'STATISTIC'],
  },
];

/**
 * Seeds an empty platform through the public API: the two personas and one active experiment
 * (three hook styles for `ai-jesus`). Does nothing when a persona exists.
 *
 * @param gatewayUrl the gateway's GraphQL URL, e.g. `http://127.0.0.1:4000/graphql`
 * @param token a user token with the `admin` scope, sent as `authorization: Bearer <token>` on
 *   every request (omit it only for a gateway that requires no token)
 * @returns true when it seeded
 * @throws {Error} with the HTTP status and GraphQL errors of the first request that failed
 */
export async function seedIfEmpty(gatewayUrl: string, logger: Logger, token?: string): Promise<boolean> {
  const call = caller(gatewayUrl, token);
  const { personas } = await call<{ personas: Array<{ id: string }> }>('{ personas { id } }');
  if (personas.length > 0) return false;
  const ids: string[] = [];
  for (const input of SEED_PERSONAS) {
    const data = await call<{ createPersona: { id: string } }>(
      'mutation($input: CreatePersonaInput!) { createPersona(input: $input) { id } }',
      { input },
    );
    ids.push(data.createPersona.id);
  }
  const { createExperiment } = await call<{ createExperiment: { id: string } }>(
    'mutation($input: CreateExperimentInput!) { createExperiment(input: $input) { id } }',
    {
      input: {
        name: 'ai-jesus hook styles',
        description: 'Which opening line earns the most engagement?',
        personaId: ids[0],
        variants: [
          { name: 'control', isControl: true, dimensions: { hookStyle: 'story', length: 'medium' } },
          { name: 'question', isControl: false, dimensions: { hookStyle: 'question', length: 'short' } },
          { name: 'statistic', isControl: false, dimensions: { hookStyle: 'statistic', tone: 'kind', length: 'medium' } },
        ],
      },
    },
  );
  await call('mutation($id: ID!) { startExperiment(id: $id) { id status } }', { id: createExperiment.id });
  logger.info({ personas: SEED_PERSONAS.map((p) => p.name) }, 'seeded personas and an active experiment');
  return true;
}
