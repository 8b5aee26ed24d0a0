import { randomUUID } from 'node:crypto';
import type { NatsConnection } from '@nats-io/nats-core';
import type { ExecutionResult } from 'graphql';
import { parse } from 'graphql';
import { NatsHub } from '../../../gateway/src/subscriptions/nats-hub';
import { SubscriptionBridge } from '../../../gateway/src/subscriptions/bridge';
import type { RunQuery } from '../../../gateway/src/subscriptions/event-fields';
import { eventTypes, subjectsFor } from '../../../lib/events';
import type { JobStatusChangedData } from '../../../lib/events';
import { createLogger } from '../../../lib/logger';
import { connectNats, createCloudEvent, natsNames } from '../../../lib/nats';
import { supergraphApiSchema } from '../../../scripts/lib/api-schema';
import { natsUrl } from '../../support/nats';

const WATCH = parse('subscription Watch($id: ID!) { generationJobUpdated(id: $id) { type status job { id status } } }');

describe('grouped resolution of subscription events (real NATS, the bridge as the gateway runs it)', () => {
  const schema = supergraphApiSchema();
  const logger = createLogger('bridge-test', 'silent');
  let nc: NatsConnection;

  beforeAll(async () => {
    nc = await connectNats(natsUrl(), 'subscription-groups-test');
  });

  afterAll(async () => {
    await nc?.drain();
  });

  it('resolves each event once per (selection, variables, audience), however many subscribers share it', async () => {
    const prefix = `groups${randomUUID().slice(0, 8)}`;
    const subjects = subjectsFor(prefix);
    const bridge = new SubscriptionBridge({ hub: new NatsHub(nc, logger, natsNames(prefix).streams.events), logger, queueLimit: 100, trajectoryWaitMs: 1000, subjects });
    const jobId = randomUUID();
    const personaId = randomUUID();
    const entityQueries: Array<Record<string, unknown>> = [];
    let status = 'QUEUED';
    const run: RunQuery = async (query, variables) => {
      if (query.includes('JobState')) return { data: { generationJob: { status: 'QUEUED', text: null, post: null } } };
      entityQueries.push(variables);
      return { data: { job: { id: jobId, status } } };
    };
    // Ten viewers of one job: six with one set of scopes, four with another (two audiences).
    const streams = Array.from({ length: 10 }, (_, i) => {
      const iterator = bridge.subscribe({ schema, document: WATCH, variableValues: { id: jobId }, run, audience: i < 6 ? 'admin' : 'content:write' });
      if (!(Symbol.asyncIterator in iterator)) throw new Error(JSON.stringify(iterator));
      return iterator as AsyncIterableIterator<ExecutionResult>;
    });
    const snapshots = await Promise.all(streams.map((s) => s.next()));
    expect(snapshots.map((r) => (r.value as ExecutionResult).data)).toEqual(Array(10).fill({ generationJobUpdated: { type: 'SNAPSHOT', status: 'QUEUED', job: { id: jobId, status: 'QUEUED' } } }));
    const afterSnapshots = entityQueries.length;

    const received: ExecutionResult[][] = streams.map(() => []);
    const reading = streams.map(async (stream, i) => {
      for await (const result of { [Symbol.asyncIterator]: () => stream }) received[i]!.push(result);
    });
    for (const next of ['PROCESSING', 'FAILED']) {
      status = next;
      const event = createCloudEvent<JobStatusChangedData>({ id: `${jobId}:${next}`, source: '/test', type: eventTypes.jobStatusChanged, subject: jobId, data: { jobId, personaId, status: next as JobStatusChangedData['status'], postId: null } });
      nc.publish(subjects.jobStatus(jobId), JSON.stringify(event));
      await nc.flush();
    }
    await Promise.all(reading);

    // Two events for two audiences: four supergraph queries, not twenty.
    expect(entityQueries.length - afterSnapshots).toBe(4);
    for (const results of received) {
      expect(results.map((r) => (r.data as { generationJobUpdated: { status: string } }).generationJobUpdated.status)).toEqual(['PROCESSING', 'FAILED']);
    }
  });
});
