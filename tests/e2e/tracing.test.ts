import { randomBytes, randomUUID } from 'node:crypto';
import { eventTypes } from '../../lib/events';
import { createCloudEvent } from '../../lib/nats';
import { SEED_PERSONAS } from '../../scripts/lib/seed';
import { testToken } from '../support/auth';
import { createTestDatabase, queryRows } from '../support/database';
import type { TestDatabase } from '../support/database';
import { eventually } from '../support/eventually';
import { postGraphQL, queryData } from '../support/graphql';
import { TEST_NATS, uniqueDurable } from '../support/nats';
import { startOtlpReceiver } from '../support/otlp-receiver';
import type { OtlpReceiver, ReceivedSpan } from '../support/otlp-receiver';
import { deadPort } from '../support/ports';
import { spawnReadyService, stopService } from '../support/service-processes';
import type { SpawnedService } from '../support/service-processes';
import { testServiceEnv } from '../support/subgraph-context';

/** OTLP span kinds. */
const SERVER = 2;
const CLIENT = 3;
const PRODUCER = 4;
const CONSUMER = 5;

/** One expected span of a path: its service, kind and name. */
interface Step {
  /** The service, or the services any of which may have made it. */
  service: string | readonly string[];
  kind?: number;
  name: RegExp;
}

const GENERATE = 'mutation TracedGenerate($input: GeneratePostInput!) { generatePost(input: $input) { id status } }';
const TRAJECTORY_INSERT = /insert into "emotion"\."emotion_trajectories"/;

/** A W3C `traceparent` of a fresh client span: what an instrumented client (or a test) sends. */
function clientSpan(): { traceId: string; spanId: string; traceparent: string } {
  const traceId = randomBytes(16).toString('hex');
  const spanId = randomBytes(8).toString('hex');
  return { traceId, spanId, traceparent: `00-${traceId}-${spanId}-01` };
}

const statementOf = (span: ReceivedSpan) => String(span.attributes['db.statement'] ?? span.attributes['db.query.text'] ?? '');
const describeSpan = (span: ReceivedSpan) => `${span.service} [${span.kind}] ${span.name}`;

/** The span and its ancestors up to the first one whose parent was not received (leaf first). */
function ancestry(spans: readonly ReceivedSpan[], leaf: ReceivedSpan): ReceivedSpan[] {
  const byId = new Map(spans.filter((s) => s.traceId === leaf.traceId).map((s) => [s.spanId, s]));
  const chain: ReceivedSpan[] = [];
  for (let span: ReceivedSpan | undefined = leaf; span && chain.length < 100; span = span.parentSpanId ? byId.get(span.parentSpanId) : undefined) chain.push(span);
  return chain;
}

/** The first step of `steps` not found in `path` after the previous one (null when all are, in order). */
function missingStep(path: readonly ReceivedSpan[], steps: readonly Step[]): string | null {
  let at = 0;
  for (const step of steps) {
    const services: readonly string[] = typeof step.service === 'string' ? [step.service] : step.service;
    const found = path.findIndex((span, i) => i >= at && services.includes(span.service) && (step.kind === undefined || span.kind === step.kind) && step.name.test(span.name));
    if (found < 0) return `${services.join('|')} [${step.kind ?? '*'}] ${step.name}`;
    at = found + 1;
  }
  return null;
}

describe('tracing across the platform (services as real processes exporting OTLP/HTTP)', () => {
  let receiver: OtlpReceiver;
  let database: TestDatabase;
  const services: SpawnedService[] = [];
  let gatewayUrl: string;
  let auth: Record<string, string>;
  let personaId: string;

  /** The trajectory insert of the emotion worker in `traceId`, and its ancestors once they reach the span `rootParentId` (root first). */
  async function pathToTrajectoryWrite(traceId: string, rootParentId: string): Promise<ReceivedSpan[]> {
    return eventually(
      async () => {
        const insert = receiver.spans.find((s) => s.traceId === traceId && s.service === 'emotion-worker' && TRAJECTORY_INSERT.test(statementOf(s)));
        if (!insert) return undefined;
        const chain = ancestry(receiver.spans, insert);
        return chain.at(-1)?.parentSpanId === rootParentId ? chain.reverse() : undefined;
      },
      90_000,
      200,
    );
  }

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    database = await createTestDatabase();
    auth = { authorization: `Bearer ${await testToken()}` };
    const down = `http://127.0.0.1:${await deadPort()}/graphql`;
    const { NODE_ENV: _jestNodeEnv, ...inherited } = process.env;
    const env: NodeJS.ProcessEnv = {
      ...inherited,
      ...testServiceEnv(database.url, {
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        OTEL_BSP_SCHEDULE_DELAY: '100',
        LOG_LEVEL: 'warn',
        OFFLINE_TOKEN_DELAY_MS: '0',
        // No experiments worker runs: the variant request fails at once (no responders).
        VARIANT_TIMEOUT_MS: '500',
        SWEEP_INTERVAL_MS: '500',
        SWEEP_MIN_AGE_MS: '500',
        EMOTION_CONSUMER_DURABLE: uniqueDurable('emotion-analyzer'),
      }),
    };
    const content = await spawnReadyService({ subgraph: 'content' }, env);
    services.push(content);
    services.push(...(await Promise.all([spawnReadyService({ subgraph: 'content', worker: true }, env), spawnReadyService({ subgraph: 'emotion', worker: true }, env)])));
    const gateway = await spawnReadyService(
      { gateway: true },
      { ...env, GATEWAY_HOST: '127.0.0.1', CONTENT_URL: content.ready.url, ACHIEVEMENTS_URL: down, EXPERIMENTS_URL: down, EMOTION_URL: down },
    );
    services.push(gateway);
    gatewayUrl = gateway.ready.url!;
    const { createPersona } = await queryData<{ createPersona: { id: string } }>(
      gatewayUrl,
      'mutation($input: CreatePersonaInput!) { createPersona(input: $input) { id } }',
      { input: SEED_PERSONAS[0] },
      auth,
    );
    personaId = createPersona.id;
  }, 300_000);

  afterAll(async () => {
    await Promise.all(services.map((service) => stopService(service)));
    await receiver?.close();
    await database?.drop();
  }, 60_000);

  it('follows one generatePost in one trace from the gateway through the job, the provider and post.created to the trajectory write', async () => {
    const client = clientSpan();
    const { data, errors } = await postGraphQL<{ generatePost: { id: string; status: string } }>(
      gatewayUrl,
      GENERATE,
      { input: { personaId, topic: 'Finding calm in a busy week' } },
      { ...auth, traceparent: client.traceparent },
    );
    expect(errors).toBeUndefined();
    expect(data!.generatePost.status).toBe('QUEUED');

    const path = await pathToTrajectoryWrite(client.traceId, client.spanId);
    const missing = missingStep(path, [
      { service: 'gateway', kind: SERVER, name: /^POST/ },
      { service: 'gateway', name: /^gateway\.request$/ },
      { service: 'gateway', name: /^gateway\.fetch$/ },
      { service: 'gateway', kind: CLIENT, name: /^POST/ },
      { service: 'content', kind: SERVER, name: /^POST/ },
      { service: 'content', name: /^resolve Mutation\.generatePost$/ },
      { service: 'content', kind: PRODUCER, name: /^send .*jobs\.content\.generate$/ },
      { service: 'content-worker', kind: CONSUMER, name: /^process .*jobs\.content\.generate$/ },
      { service: 'content-worker', kind: PRODUCER, name: /^send .*events\.content\.post\.created$/ },
      { service: 'emotion-worker', kind: CONSUMER, name: /^process .*events\.content\.post\.created$/ },
      { service: 'emotion-worker', name: /./ },
    ]);
    expect({ path: path.map(describeSpan), missing }).toEqual({ path: path.map(describeSpan), missing: null });
    expect(TRAJECTORY_INSERT.test(statementOf(path.at(-1)!))).toBe(true);
    expect(path.every((span) => span.traceId === client.traceId)).toBe(true);

    // The provider wrote the hook and the body inside the job's consumer span, in the same trace.
    const consumer = path.find((span) => span.service === 'content-worker' && span.kind === CONSUMER)!;
    const completions = receiver.spans.filter((s) => s.traceId === client.traceId && s.service === 'content-worker' && s.name.startsWith('chat '));
    expect(completions.map((s) => s.attributes['threads_agent.post.part']).sort()).toEqual(['body', 'hook']);
    for (const completion of completions) {
      expect(ancestry(receiver.spans, completion).map((s) => s.spanId)).toContain(consumer.spanId);
      expect(completion.attributes['gen_ai.provider.name']).toBe('offline');
    }
    // The gateway planned the operation in the same trace, and the worker's SQL is there too.
    expect(receiver.spans.some((s) => s.traceId === client.traceId && s.service === 'gateway' && s.name === 'gateway.plan')).toBe(true);
    expect(receiver.spans.some((s) => s.traceId === client.traceId && s.service === 'content-worker' && /insert into "content"\."posts"/.test(statementOf(s)))).toBe(true);

    // Log lines written inside the trace carry its id: the worker's warning that experiments did
    // not answer the variant request (no experiments worker runs here).
    const worker = services.find((service) => service.name === 'content-worker')!;
    expect(worker.tail.get().filter((line) => line.includes('no variant from experiments')).some((line) => line.includes(`"trace_id":"${client.traceId}"`))).toBe(true);

    // What was stored to continue the trace later: the job row and its post.created outbox row.
    const jobId = data!.generatePost.id;
    const [job] = await queryRows<{ traceparent: string }>(database.url, `select trace_context->>'traceparent' as traceparent from content.generation_jobs where id = $1`, [jobId]);
    expect(job!.traceparent).toContain(client.traceId);
    const [created] = await queryRows<{ traceparent: string }>(database.url, `select trace_context->>'traceparent' as traceparent from content.outbox where subject = $1 and payload::jsonb->'data'->>'jobId' = $2`, [TEST_NATS.subjects.postCreated, jobId]);
    expect(created!.traceparent).toContain(client.traceId);
    expect(receiver.rejected).toEqual([]);
  }, 120_000);

  it("continues a job's trace when the sweeper publishes it later, from the context stored with the job row", async () => {
    const queuedIn = clientSpan();
    // A job written while NATS was down: QUEUED, never published, with the trace it was queued in.
    const [job] = await queryRows<{ id: string }>(
      database.url,
      `insert into content.generation_jobs (persona_id, topic, created_by, trace_context, created_at)
       values ($1, $2, 'tracing-test', $3::jsonb, now() - interval '5 seconds') returning id`,
      [personaId, 'A quiet morning before the storm', JSON.stringify({ traceparent: queuedIn.traceparent })],
    );

    const path = await pathToTrajectoryWrite(queuedIn.traceId, queuedIn.spanId);
    const missing = missingStep(path, [
      { service: 'content-worker', kind: PRODUCER, name: /^send .*jobs\.content\.generate$/ },
      { service: 'content-worker', kind: CONSUMER, name: /^process .*jobs\.content\.generate$/ },
      { service: 'content-worker', kind: PRODUCER, name: /^send .*events\.content\.post\.created$/ },
      { service: 'emotion-worker', kind: CONSUMER, name: /^process .*events\.content\.post\.created$/ },
    ]);
    expect({ path: path.map(describeSpan), missing }).toEqual({ path: path.map(describeSpan), missing: null });
    expect(path[0]!.attributes['messaging.message.id']).toBe(job!.id);
  }, 120_000);

  it('continues the trace an outbox event was written in when the relay publishes it later', async () => {
    const writtenIn = clientSpan();
    const postId = randomUUID();
    const event = createCloudEvent({
      id: `post-created:${postId}`,
      source: '/tests/tracing',
      type: eventTypes.postCreated,
      subject: postId,
      data: { postId, personaId, jobId: null, text: 'What a joyful, hopeful day.\n\nGrateful for every friend who called.', variantId: null },
    });
    // An event committed but not dispatched (the writer died): older than the relay's 2 s.
    await queryRows(
      database.url,
      `insert into content.outbox (event_id, subject, payload, trace_context, created_at) values ($1, $2, $3, $4::jsonb, now() - interval '5 seconds')`,
      [event.id, TEST_NATS.subjects.postCreated, JSON.stringify(event), JSON.stringify({ traceparent: writtenIn.traceparent })],
    );

    const path = await pathToTrajectoryWrite(writtenIn.traceId, writtenIn.spanId);
    const missing = missingStep(path, [
      // Both content processes run a relay; either may publish the row.
      { service: ['content', 'content-worker'], kind: PRODUCER, name: /^send .*events\.content\.post\.created$/ },
      { service: 'emotion-worker', kind: CONSUMER, name: /^process .*events\.content\.post\.created$/ },
    ]);
    expect({ path: path.map(describeSpan), missing }).toEqual({ path: path.map(describeSpan), missing: null });
    const relayed = path[0]!;
    expect(relayed.attributes['messaging.message.id']).toBe(event.id);
  }, 120_000);
});
