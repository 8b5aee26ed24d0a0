import type { NatsConnection, Subscription } from '@nats-io/nats-core';
import { eventTypes, jobRegeneratingData, jobStatusChangedData, jobTokenDeltaData, trajectoryCreatedData } from '../../lib/events';
import type { Subjects } from '../../lib/events';
import { OccurrenceCounter, jobEventKey } from './job-event-key';

/** One job event as published. */
export interface PublishedEvent {
  key: string;
  /** The CloudEvent `time` (epoch ms): when the publisher created it. */
  publishedAt: number;
  /** When the tap received it (epoch ms). */
  tappedAt: number;
}

/** A NATS listener on one job's subjects. */
export interface JobEventTap {
  /** The job's events so far, in arrival order. */
  events(): PublishedEvent[];
  stop(): void;
}

/**
 * Listens on one job's subjects (status changes, token deltas and rewrites, its trajectory), as
 * the gateway does, and records each event's key (`jobEventKey`, the same a subscriber computes
 * from its result) and publication time (the CloudEvent `time`, set by the worker as it
 * publishes): the start of the fan-out latency.
 */
export async function tapJobEvents(nc: NatsConnection, subjects: Subjects, jobId: string): Promise<JobEventTap> {
  const events: PublishedEvent[] = [];
  const occurrences = new OccurrenceCounter();
  const record = (type: string, status: string | null, textLength: number | null, time: string) => {
    const base = jobEventKey(type, status, textLength, 0);
    events.push({ key: jobEventKey(type, status, textLength, occurrences.next(base)), publishedAt: Date.parse(time), tappedAt: performance.timeOrigin + performance.now() });
  };
  const subscriptions: Subscription[] = [subjects.jobStatus(jobId), subjects.jobProgress(jobId), subjects.trajectoryCreated(jobId)].map((subject) =>
    nc.subscribe(subject, {
      callback: (err, msg) => {
        if (err) return;
        const event = msg.json<{ type: string; time: string; data: unknown }>();
        if (event.type === eventTypes.jobStatusChanged) record('STATUS_CHANGED', jobStatusChangedData.parse(event.data).status, null, event.time);
        else if (event.type === eventTypes.jobTokenDelta) record('TOKEN_DELTA', null, jobTokenDeltaData.parse(event.data).text.length, event.time);
        else if (event.type === eventTypes.jobRegenerating && jobRegeneratingData.safeParse(event.data).success) record('REGENERATING', null, null, event.time);
        else if (event.type === eventTypes.trajectoryCreated && trajectoryCreatedData.safeParse(event.data).success) record('EMOTION_TRAJECTORY_STORED', null, null, event.time);
      },
    }),
  );
  await nc.flush();
  return {
    events: () => [...events],
    stop: () => subscriptions.forEach((s) => s.unsubscribe()),
  };
}
