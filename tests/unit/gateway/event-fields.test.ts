import type { Msg } from '@nats-io/nats-core';
import { eventTypes, subjectsFor } from '../../../lib/events';
import { createCloudEvent } from '../../../lib/nats';
import { generationJobUpdated, generationJobsUpdated } from '../../../gateway/src/subscriptions/event-fields';

const subjects = subjectsFor('unit');
const jobId = '0b6f2f5e-6f64-4a51-9a3c-6d1f1d5c9a01';
const personaId = '5a3e1c8e-2f0b-4a8e-9a55-2b7c1e6f4d02';
const duplicateOf = 'c4d1e2f3-0a9b-4c8d-8e7f-6a5b4c3d2e03';

/** A NATS message carrying a CloudEvent (only what `accept` reads). */
function message(subject: string, type: string, data: unknown): Msg {
  return { subject, data: new TextEncoder().encode(JSON.stringify(createCloudEvent({ source: '/tests', type, data }))) } as Msg;
}

const regenerating = message(subjects.jobProgress(jobId), eventTypes.jobRegenerating, { jobId, personaId, regeneration: 1, duplicateOf, score: 1 });

describe('job event fields', () => {
  it('turns a regenerating message into a REGENERATING event whose text restarts empty', () => {
    const event = generationJobUpdated.accept(regenerating, { id: jobId }, subjects);
    expect(event).toEqual({ type: 'REGENERATING', status: 'PROCESSING', delta: null, text: '', key: jobId });
    // Not `sameEntity`: the job is resolved again, so `job.regenerations` is current.
    expect(event?.sameEntity).toBeUndefined();
    expect(generationJobUpdated.after!(event!)).toBe('continue');
  });

  it("gives a persona's feed the event, and another persona's feed nothing", () => {
    expect(generationJobsUpdated.accept(regenerating, { personaId }, subjects)?.type).toBe('REGENERATING');
    expect(generationJobsUpdated.accept(regenerating, { personaId: duplicateOf }, subjects)).toBeNull();
    expect(generationJobUpdated.accept(regenerating, { id: duplicateOf }, subjects)).toBeNull();
  });

  it('still reads token deltas, and drops a progress message of neither shape', () => {
    const delta = message(subjects.jobProgress(jobId), eventTypes.jobTokenDelta, { jobId, personaId, delta: 'Hi', text: 'Hi', part: 'hook' });
    expect(generationJobUpdated.accept(delta, { id: jobId }, subjects)).toEqual({ type: 'TOKEN_DELTA', status: 'PROCESSING', delta: 'Hi', text: 'Hi', key: jobId, sameEntity: true });
    const odd = message(subjects.jobProgress(jobId), eventTypes.jobRegenerating, { jobId, personaId, regeneration: 0 });
    expect(generationJobUpdated.accept(odd, { id: jobId }, subjects)).toBeNull();
  });
});
