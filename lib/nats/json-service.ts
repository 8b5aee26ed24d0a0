import type { NatsConnection } from '@nats-io/nats-core';
import { Svcm } from '@nats-io/services';
import type { ServiceMsg } from '@nats-io/services';
import type { z } from 'zod';
import type { Logger } from '../logger';
import { inSpan } from '../tracing';
import { serviceSpanOptions } from './messaging-span';
import { contextFromHeaders } from './trace-headers';

/** Thrown by a {@link startJsonService} handler to answer with a service error code (e.g. 409). */
export class ServiceError extends Error {
  override readonly name = 'ServiceError';

  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** Options of {@link startJsonService}. */
export interface JsonServiceOptions<S extends z.ZodType> {
  nc: NatsConnection;
  /** NATS service name (`$SRV.INFO.<name>` lists it), e.g. `experiments`. */
  name: string;
  version: string;
  description: string;
  /** Endpoint name, e.g. `assign-variant`. */
  endpoint: string;
  /** Endpoint subject (the deployment's, with `NATS_PREFIX`). */
  subject: string;
  /** zod schema of the JSON request. */
  request: S;
  logger: Pick<Logger, 'error'>;
  /** Answers a valid request with a JSON-serializable reply; throws {@link ServiceError} for a coded error. */
  handle(request: z.output<S>): Promise<unknown>;
  /** Told of each invalid request (metrics). */
  onInvalid?(): void;
}

/** A running {@link startJsonService}. */
export interface RunningJsonService {
  stop(): Promise<void>;
  /** True once stopped (by `stop()` or because the connection closed): a readiness check. */
  readonly isStopped: boolean;
}

/**
 * `@nats-io/services` 3.0.0-25 bundles its own `@nats-io/nats-core` prerelease, whose
 * `NatsConnection` type differs nominally from `@nats-io/transport-node`'s although the runtime
 * object is the same. This is the only place the two types meet.
 */
function serviceConnection(nc: NatsConnection): ConstructorParameters<typeof Svcm>[0] {
  return nc as unknown as ConstructorParameters<typeof Svcm>[0];
}

/**
 * Serves one JSON request/reply endpoint with the NATS services API (`@nats-io/services`, queue
 * group `q`, so replicas share the load). Requests are JSON validated by `request`; errors go in
 * the `Nats-Service-Error-Code` / `Nats-Service-Error` headers: 400 for a request that is not
 * JSON or not valid (with the first issues), the handler's {@link ServiceError} code, 500 for
 * anything else (logged, message masked). Each request is handled in a SERVER span
 * `process <subject>` continuing the trace its headers carry (see `requestTraced`).
 */
export async function startJsonService<S extends z.ZodType>(options: JsonServiceOptions<S>): Promise<RunningJsonService> {
  const service = await new Svcm(serviceConnection(options.nc)).add({ name: options.name, version: options.version, description: options.description });
  const respond = async (msg: ServiceMsg): Promise<void> => {
    let body: unknown;
    try {
      body = msg.json();
    } catch {
      options.onInvalid?.();
      msg.respondError(400, `invalid ${options.endpoint} request: body is not JSON`);
      return;
    }
    const parsed = options.request.safeParse(body);
    if (!parsed.success) {
      options.onInvalid?.();
      const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; ');
      msg.respondError(400, `invalid ${options.endpoint} request: ${detail}`);
      return;
    }
    try {
      msg.respond(JSON.stringify(await options.handle(parsed.data)));
    } catch (err) {
      if (err instanceof ServiceError) {
        msg.respondError(err.code, err.message);
        return;
      }
      options.logger.error({ err, endpoint: options.endpoint }, `${options.endpoint} failed`);
      msg.respondError(500, `${options.endpoint} failed`);
    }
  };
  service.addEndpoint(options.endpoint, {
    subject: options.subject,
    handler: (err, msg) => {
      if (err) {
        options.logger.error({ err, endpoint: options.endpoint }, 'service endpoint stopped');
        return;
      }
      const span = serviceSpanOptions(msg, options.endpoint);
      void inSpan(span.name, span.options, () => respond(msg), contextFromHeaders(msg.headers));
    },
  });
  return {
    async stop() {
      await service.stop();
    },
    get isStopped() {
      return service.isStopped;
    },
  };
}
