import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { SCOPES } from '../lib/auth';
import { loadDotEnv } from '../lib/config';
import { mintLocalToken } from './lib/local-auth';

/**
 * `npm run demo -- "<topic>"`: as a client of a running gateway, asks `ai-jesus` for a post,
 * prints it token by token from `generationJobUpdated`, then its trajectory and variant.
 * Uses `GATEWAY_URL` (default http://localhost:4000/graphql) and `TOKEN`, else a token for the
 * local secret (`npm run token`).
 */
async function main(): Promise<void> {
  loadDotEnv();
  const url = process.env.GATEWAY_URL ?? 'http://localhost:4000/graphql';
  const topic = process.argv[2] ?? 'Finding calm in a busy week';
  const token = process.env.TOKEN || (await mintLocalToken(process.env, { sub: 'demo', scope: SCOPES.join(' '), expiresIn: '10m' }));
  const post = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) }).catch(
      (err: unknown) => {
        throw new Error(`The gateway is not answering at ${url} (${(err as Error & { cause?: Error }).cause?.message ?? (err as Error).message}). Start the platform with \`npm start\`, or set GATEWAY_URL.`);
      },
    );
    const body = (await res.json()) as { data?: T; errors?: unknown[] };
    if (body.errors || !body.data) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const { personas } = await post<{ personas: Array<{ id: string; name: string }> }>('{ personas { id name } }');
  const persona = personas.find((p) => p.name === 'ai-jesus') ?? personas[0];
  if (!persona) throw new Error('no persona: start the platform with `npm start` first');
  const { generatePost } = await post<{ generatePost: { id: string } }>(
    'mutation($input: GeneratePostInput!) { generatePost(input: $input) { id status } }',
    { input: { personaId: persona.id, topic } },
  );
  const client = createClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: { Authorization: `Bearer ${token}` } });
  const query = `subscription Watch($id: ID!) { generationJobUpdated(id: $id) { type status delta text job { error errorCode post { emotionTrajectory { trajectoryType } variant { name } } } } }`;
  type Event = {
    type: string;
    status: string;
    delta: string | null;
    text: string | null;
    job: { error: string | null; errorCode: string | null; post: { emotionTrajectory: { trajectoryType: string } | null; variant: { name: string } | null } | null };
  };
  for await (const result of client.iterate<{ generationJobUpdated: Event }>({ query, variables: { id: generatePost.id } })) {
    const event = result.data?.generationJobUpdated;
    if (!event) throw new Error(JSON.stringify(result.errors));
    if (event.type === 'TOKEN_DELTA') process.stdout.write(event.delta ?? '');
    else process.stdout.write(`\n[${event.type}] ${event.status}\n${event.type === 'SNAPSHOT' ? (event.text ?? '') : ''}`);
    if (event.status === 'FAILED') {
      process.stdout.write(`${event.job.errorCode ?? 'FAILED'}: ${event.job.error ?? 'no detail'}\n`);
      if (event.job.errorCode === 'DUPLICATE_CONTENT') process.stdout.write('The persona already has posts like every text written for this topic: try another topic (npm run demo -- "<topic>").\n');
    }
    if (event.type === 'EMOTION_TRAJECTORY_STORED') {
      process.stdout.write(`trajectory: ${event.job.post?.emotionTrajectory?.trajectoryType}, variant: ${event.job.post?.variant?.name ?? 'none'}\n`);
    }
  }
  await client.dispose();
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
