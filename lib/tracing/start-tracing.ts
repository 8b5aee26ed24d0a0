import type { NodeSDKConfiguration } from '@opentelemetry/sdk-node';
import type { TracingConfig } from './config';
import type * as InstrumentationsModule from './instrumentations';
import type * as NodeSdkModule from './node-sdk';

/** A process's tracing, started by {@link startTracing}. */
export interface Tracing {
  /** True when spans are recorded and exported (`OTEL_EXPORTER_OTLP_ENDPOINT` set). */
  readonly enabled: boolean;
  /**
   * False when the HTTP and SQL instrumentations were installed only at start, after `http` and
   * `pg` had loaded (the entry point did not import `lib/tracing/preload` first): their spans
   * may then be missing. Always true when tracing is off.
   */
  readonly instrumentedEarly: boolean;
  /** Exports the spans still buffered, then stops (waits at most the exporter's timeout, 10 s). */
  shutdown(): Promise<void>;
}

const OFF: Tracing = { enabled: false, instrumentedEarly: true, shutdown: async () => undefined };

// The instrumentations' require hooks are process-wide by nature: installed once, by the preload
// module when an entry point imports it first, else by `startTracing`.
let installed: NodeSDKConfiguration['instrumentations'] | undefined;

/**
 * Installs the HTTP, undici and pg instrumentations (see `createInstrumentations`) once per
 * process, loading their packages only now. Called by `lib/tracing/preload.ts` before the
 * service's modules load, when tracing is on.
 *
 * @returns the instrumentations, to hand to the SDK
 */
export function instrumentProcess(): NodeSDKConfiguration['instrumentations'] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when tracing is on
  installed ??= (require('./instrumentations') as typeof InstrumentationsModule).createInstrumentations();
  return installed;
}

/**
 * Starts OpenTelemetry tracing for one process when `OTEL_EXPORTER_OTLP_ENDPOINT` is set (see
 * `createNodeSdk`: OTLP/HTTP exporter, W3C propagation, `service.name` = `service`); otherwise
 * does nothing and loads nothing: `@opentelemetry/api` calls made by the code stay no-ops.
 *
 * @param service the process's service name, e.g. `gateway`, `content`, `content-worker`
 * @returns the running tracing; call `shutdown()` after the service has stopped
 */
export function startTracing(service: string, config: TracingConfig): Tracing {
  const endpoint = config.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint) return OFF;
  const instrumentedEarly = installed !== undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when tracing is on
  const { createNodeSdk } = require('./node-sdk') as typeof NodeSdkModule;
  const sdk = createNodeSdk(service, endpoint, config, instrumentProcess());
  sdk.start();
  return { enabled: true, instrumentedEarly, shutdown: () => sdk.shutdown() };
}
