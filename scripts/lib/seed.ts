import type { Logger } from '../../lib/logger';

async function call<T>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (body.errors?.length || !body.data) throw new Error(`seed request failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** The seed personas (Threads-Agent's two demo voices). */
export const SEED_PERSONAS = [
  { name: 'ai-jesus', emoji: '🙏', tone: 'kind', description: 'Gentle, compassionate reflections on everyday life.' },
  { name: 'ai-elon', emoji: '🚀', tone: 'hype', description: 'Bold takes on technology, startups and the future.' },
];

/**
 * Seeds an empty platform through the public API: the two personas and one active experiment
 * (three hook styles for `ai-jesus`). Does nothing when a persona exists.
 *
 * @returns true when it seeded
 */
export async function seedIfEmpty(gatewayUrl: string, logger: Logger): Promise<boolean> {
  const { personas } = await call<{ personas: Array<{ id: string }> }>(gatewayUrl, '{ personas { id } }');
  if (personas.length > 0) return false;
  const ids: string[] = [];
  for (const input of SEED_PERSONAS) {
    const data = await call<{ createPersona: { id: string } }>(
      gatewayUrl,
      'mutation($input: CreatePersonaInput!) { createPersona(input: $input) { id } }',
      { input },
    );
    ids.push(data.createPersona.id);
  }
  const { createExperiment } = await call<{ createExperiment: { id: string } }>(
    gatewayUrl,
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
  await call(gatewayUrl, 'mutation($id: ID!) { startExperiment(id: $id) { id status } }', { id: createExperiment.id });
  logger.info({ personas: SEED_PERSONAS.map((p) => p.name) }, 'seeded personas and an active experiment');
  return true;
}
