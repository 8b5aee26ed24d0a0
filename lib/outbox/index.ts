export { outboxMigration } from './migration';
export { outboxTraceContextMigration } from './trace-context-migration';
export { createOutbox } from './outbox';
export type { EmitEvent, OutgoingEvent, Outbox, OutboxOptions, OutboxTiming } from './outbox';
