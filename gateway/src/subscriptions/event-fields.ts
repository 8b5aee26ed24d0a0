import type { GraphQLError } from 'graphql';
import { z } from 'zod';
import {
  achievementCreatedData,
  experimentUpdatedData,
  jobRegeneratingData,
  jobStatusChangedData,
  jobTokenDeltaData,
  postCreatedData,
  postEngagementData,
  postPublishedData,
  trajectoryCreatedData,
} from '../../../lib/events';
import type { Subjects } from '../../../lib/events';
import { parseCloudEvent } from '../../../lib/nats';
import type { StoredEvent } from './nats-hub';

/** One event as a subscriber sees it: keys plus event-only fields. */
export interface BridgeEvent {
  /** `GenerationJobEvent.type` (absent for fields that return the entity itself). */
  type?: string;
  /** `GenerationJobEvent.delta`. */
  delta?: string | null;
  /** `GenerationJobEvent.text` (everything written so far); the bridge carries the last one forward. */
  text?: string | null;
  /** Key of the entity to resolve through the supergraph. */
  key: string;
  /** `GenerationJobEvent.status`: the job's status as of the event (also drives when the stream ends). */
  status?: string;
  /** The entity is unchanged since the previous event: its resolution may be reused. */
  sameEntity?: boolean;
  /** The NATS message the event came from (one object for every subscriber of it): what grouped resolution is keyed by. */
  source?: object;
}

/** Runs a root-field query through the supergraph (with the subscriber's context). */
export type RunQuery = (query: string, variables: Record<string, unknown>) => Promise<{ data?: Record<string, unknown> | null; errors?: readonly GraphQLError[] }>;

/** What the stream does after an event. */
export type Continuation = 'continue' | 'complete' | 'complete-after-trajectory';

/**
 * How one subscription field maps to NATS (brief §6): the subjects it listens to, how a message
 * becomes an event, which root query resolves the entity by key, and where the entity sits in the
 * field's result (`entityField`, or the whole field when null).
 */
export interface EventFieldSpec {
  /** NATS subjects to listen to, in the deployment's `subjects` (`NATS_PREFIX`). */
  subjects(args: Record<string, unknown>, subjects: Subjects): string[];
  /** Parses and filters a message; null when it is not for this subscriber. */
  accept(msg: StoredEvent, args: Record<string, unknown>, subjects: Subjects): BridgeEvent | null;
  /** Root query field returning the entity by `id`, e.g. `generationJob`. */
  rootQuery: string;
  /** Field of the event object holding the entity (`job`), or null when the field is the entity. */
  entityField: string | null;
  /**
   * Its events are kept on the EVENTS stream: live events are read from the stream (one
   * `StreamFeed` per subject, see `NatsHub.listen`), so a subscriber that stays connected misses
   * nothing stored while the gateway's NATS connection was down; and a `since` argument (ISO 8601)
   * first replays those stored since then (see `NatsHub.replay`), so that a client resuming after
   * a disconnection misses nothing either.
   */
  replayable?: boolean;
  /** Event sent first (the current state), and whether the stream goes on after it. */
  snapshot?(args: Record<string, unknown>, run: RunQuery): Promise<{ event: BridgeEvent; then: Continuation } | null>;
  /** What to do after an event. */
  after?(event: BridgeEvent): Continuation;
}

const idArg = z.object({ id: z.uuid() });

/** Decoded messages by schema: one message is decoded once, however many subscribers read it. */
const decoded = new WeakMap<StoredEvent, Map<z.ZodType, unknown>>();

function parseOrNull<S extends z.ZodType>(msg: StoredEvent, schema: S): z.output<S> | null {
  let bySchema = decoded.get(msg);
  if (!bySchema) {
    bySchema = new Map();
    decoded.set(msg, bySchema);
  }
  if (bySchema.has(schema)) return bySchema.get(schema) as z.output<S> | null;
  let value: z.output<S> | null;
  try {
    value = parseCloudEvent(msg.data, schema).data;
  } catch {
    value = null;
  }
  bySchema.set(schema, value);
  return value;
}

const TERMINAL = new Set(['FAILED', 'CANCELLED', 'BLOCKED']);

/** A job event and the persona whose job it is. */
interface JobEvent {
  event: BridgeEvent;
  personaId: string;
}

/**
 * Decodes a message of a job's subjects (status, token delta, rewrite after a duplicate,
 * trajectory of its post) into a `GenerationJobEvent`; null for anything else or a malformed
 * message. A rewrite (`REGENERATING`) carries the empty text, so the text restarts, and has the
 * job resolved again (its `regenerations` changed).
 */
function jobEvent(msg: StoredEvent, subjects: Subjects): JobEvent | null {
  if (msg.subject.startsWith(subjects.trajectoryCreated(''))) {
    const data = parseOrNull(msg, trajectoryCreatedData);
    if (!data?.jobId) return null;
    return { event: { type: 'EMOTION_TRAJECTORY_STORED', status: 'COMPLETED', delta: null, key: data.jobId }, personaId: data.personaId };
  }
  if (msg.subject.startsWith(subjects.jobProgress(''))) {
    const data = parseOrNull(msg, jobTokenDeltaData);
    if (data) return { event: { type: 'TOKEN_DELTA', status: 'PROCESSING', delta: data.delta, text: data.text, key: data.jobId, sameEntity: true }, personaId: data.personaId };
    const rewrite = parseOrNull(msg, jobRegeneratingData);
    if (!rewrite) return null;
    return { event: { type: 'REGENERATING', status: 'PROCESSING', delta: null, text: '', key: rewrite.jobId }, personaId: rewrite.personaId };
  }
  const data = parseOrNull(msg, jobStatusChangedData);
  if (!data) return null;
  return { event: { type: 'STATUS_CHANGED', delta: null, key: data.jobId, status: data.status }, personaId: data.personaId };
}

/** `generationJobUpdated(id)`: status changes, token deltas and the trajectory of the job's post. */
export const generationJobUpdated: EventFieldSpec = {
  subjects: (args, subjects) => {
    const { id } = idArg.parse(args);
    return [subjects.jobStatus(id), subjects.jobProgress(id), subjects.trajectoryCreated(id)];
  },
  accept(msg, args, subjects) {
    const { id } = idArg.parse(args);
    const decoded = jobEvent(msg, subjects);
    return decoded?.event.key === id ? decoded.event : null;
  },
  rootQuery: 'generationJob',
  entityField: 'job',
  async snapshot(args, run) {
    const { id } = idArg.parse(args);
    const result = await run('query JobState($id: ID!) { generationJob(id: $id) { status text post { emotionTrajectory { id } } } }', { id });
    const job = result.data?.generationJob as { status: string; text: string | null; post: { emotionTrajectory: { id: string } | null } | null } | null | undefined;
    if (!job) return null;
    const event: BridgeEvent = { type: 'SNAPSHOT', delta: null, text: job.text, key: id, status: job.status };
    if (TERMINAL.has(job.status)) return { event, then: 'complete' };
    if (job.status === 'COMPLETED') return { event, then: job.post?.emotionTrajectory ? 'complete' : 'complete-after-trajectory' };
    return { event, then: 'continue' };
  },
  after(event) {
    if (event.type === 'EMOTION_TRAJECTORY_STORED') return 'complete';
    if (event.status && TERMINAL.has(event.status)) return 'complete';
    if (event.type === 'STATUS_CHANGED' && event.status === 'COMPLETED') return 'complete-after-trajectory';
    return 'continue';
  },
};

const personaArg = z.object({ personaId: z.uuid().nullish() });

/** `generationJobsUpdated(personaId)`: every job event of one persona (or of all), from now on. */
export const generationJobsUpdated: EventFieldSpec = {
  subjects: (args, subjects) => {
    personaArg.parse(args);
    return [subjects.jobStatus('*'), subjects.jobProgress('*'), subjects.trajectoryCreated('*')];
  },
  accept(msg, args, subjects) {
    const { personaId } = personaArg.parse(args);
    const decoded = jobEvent(msg, subjects);
    if (!decoded || (personaId && decoded.personaId !== personaId)) return null;
    return decoded.event;
  },
  rootQuery: 'generationJob',
  entityField: 'job',
};

/**
 * A subscription field whose events are about one post (`postId`, `personaId` in the data) and
 * which returns the post: its messages are on one subject, filtered by the field's optional
 * `postId` and `personaId` arguments.
 */
function postField(subject: (subjects: Subjects) => string, schema: z.ZodType<{ postId: string; personaId: string }>): EventFieldSpec {
  return {
    subjects: (_args, subjects) => [subject(subjects)],
    accept(msg, args) {
      const data = parseOrNull(msg, schema);
      if (!data) return null;
      if (typeof args.postId === 'string' && args.postId !== data.postId) return null;
      if (typeof args.personaId === 'string' && args.personaId !== data.personaId) return null;
      return { key: data.postId };
    },
    rootQuery: 'post',
    entityField: null,
    replayable: true,
  };
}

/** `postCreated(personaId)`: every new post, or one persona's. */
export const postCreated = postField((subjects) => subjects.postCreated, postCreatedData);

/** `postPublished(personaId)`: posts as they are published, of one persona or all. */
export const postPublished = postField((subjects) => subjects.postPublished, postPublishedData);

/** `postEngagementUpdated(postId, personaId)`: a post each time its engagement totals change. */
export const postEngagementUpdated = postField((subjects) => subjects.postEngagement, postEngagementData);

/** `experimentUpdated(id)`: status changes of one experiment. */
export const experimentUpdated: EventFieldSpec = {
  subjects: (_args, subjects) => [subjects.experimentUpdated],
  accept(msg, args) {
    const data = parseOrNull(msg, experimentUpdatedData);
    return data && data.experimentId === args.id ? { key: data.experimentId } : null;
  },
  rootQuery: 'experiment',
  entityField: null,
};

/** `achievementCreated`: every new achievement. */
export const achievementCreated: EventFieldSpec = {
  subjects: (_args, subjects) => [subjects.achievementCreated],
  accept(msg) {
    const data = parseOrNull(msg, achievementCreatedData);
    return data ? { key: data.achievementId } : null;
  },
  rootQuery: 'achievement',
  entityField: null,
  replayable: true,
};

const sinceArg = z.object({ since: z.iso.datetime({ offset: true }).nullish() });

/**
 * The `since` argument of a replayable field, or null.
 *
 * @throws {ZodError} when it is not an ISO 8601 date-time
 */
export function sinceOf(args: Record<string, unknown>): Date | null {
  const { since } = sinceArg.parse(args);
  return since ? new Date(since) : null;
}

/** The CloudEvent id of a message (null when it is not a CloudEvent): how a replayed event is told from its live copy. */
export function cloudEventIdOf(msg: StoredEvent): string | null {
  try {
    const id = (JSON.parse(Buffer.from(msg.data).toString('utf8')) as { id?: unknown }).id;
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}

/** Subscription fields served by the bridge, by field name. */
export const EVENT_FIELDS: Readonly<Record<string, EventFieldSpec>> = {
  generationJobUpdated,
  generationJobsUpdated,
  postCreated,
  postPublished,
  postEngagementUpdated,
  experimentUpdated,
  achievementCreated,
};
