// Loaded only when tracing is on (see `startTracing`): the SDK takes ~0.6 s to load.
import { randomUUID } from 'node:crypto';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { NodeSDK, core, resources } from '@opentelemetry/sdk-node';
import type { NodeSDKConfiguration } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, ParentBasedSampler, TraceIdRatioBasedSampler } from '@opentelemetry/sdk-trace';
import type { TracingConfig } from './config';

/** `service.namespace` of every process of the platform. */
export const SERVICE_NAMESPACE = 'threads-agent';

/** The OTLP/HTTP traces URL of a collector's base URL: `<endpoint>/v1/traces` (the OTLP exporter specification). */
export function tracesUrl(endpoint: string): string {
  return `${endpoint.replace(/\/+$/, '')}/v1/traces`;
}

/**
 * The OpenTelemetry Node SDK of one process, not started: traces only (no OTLP metrics or logs:
 * metrics stay on Prometheus), exported by batches as OTLP/HTTP JSON to
 * `<OTEL_EXPORTER_OTLP_ENDPOINT>/v1/traces` every `OTEL_BSP_SCHEDULE_DELAY` ms; parent-based
 * sampling of `OTEL_TRACES_SAMPLER_ARG` of new traces; W3C trace context and baggage propagation.
 * Resource: `service.name` = `service` (e.g. `gateway`, `content-worker`), `service.namespace`
 * `threads-agent`, a random `service.instance.id`, host and process attributes, then
 * `OTEL_RESOURCE_ATTRIBUTES` (which cannot replace the service name).
 *
 * @param service the process's service name
 * @param endpoint `OTEL_EXPORTER_OTLP_ENDPOINT`
 * @param instrumentations created before the service's modules loaded (see `instrumentProcess`)
 */
export function createNodeSdk(service: string, endpoint: string, config: TracingConfig, instrumentations: NodeSDKConfiguration['instrumentations']): NodeSDK {
  const resource = resources
    .detectResources({ detectors: [resources.hostDetector, resources.processDetector] })
    .merge(resources.resourceFromAttributes({ ...config.OTEL_RESOURCE_ATTRIBUTES }))
    .merge(resources.resourceFromAttributes({ 'service.name': service, 'service.namespace': SERVICE_NAMESPACE, 'service.instance.id': randomUUID() }));
  return new NodeSDK({
    resource,
    autoDetectResources: false,
    spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: tracesUrl(endpoint) }), scheduledDelayMillis: config.OTEL_BSP_SCHEDULE_DELAY })],
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(config.OTEL_TRACES_SAMPLER_ARG) }),
    textMapPropagator: new core.CompositePropagator({ propagators: [new core.W3CTraceContextPropagator(), new core.W3CBaggagePropagator()] }),
    instrumentations,
    metricReaders: [],
    logRecordProcessors: [],
  });
}
