export { loadTracingConfig } from './config';
export type { TracingConfig } from './config';
export { instrumentProcess, startTracing } from './start-tracing';
export type { Tracing } from './start-tracing';
export { captureTraceContext, contextFromCarrier, hasSpan, parentContext } from './trace-context';
export type { TraceCarrier } from './trace-context';
export { inSpan } from './in-span';
export { traceLogFields } from './log-fields';
