import { subjectsFor } from '../events';
import type { Subjects } from '../events';
import { streamNamesFor } from './streams';
import type { StreamNames } from './streams';

/** Every NATS name of one deployment: its streams and subjects (brief §5), for one `NATS_PREFIX`. */
export interface NatsNames {
  /** `NATS_PREFIX`, or null for the brief's unprefixed names. */
  prefix: string | null;
  streams: StreamNames;
  subjects: Subjects;
}

/**
 * The NATS names of a deployment. A prefix isolates deployments sharing one NATS server (a
 * test run beside `npm start`, two developers): its own streams, hence its own consumers,
 * and its own subjects for events and service requests.
 */
export function natsNames(prefix?: string | null): NatsNames {
  return { prefix: prefix ?? null, streams: streamNamesFor(prefix), subjects: subjectsFor(prefix) };
}
