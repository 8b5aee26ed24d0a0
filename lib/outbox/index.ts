export { OUTBOX_TABLE, outboxMigration } from './migration';
export { createOutbox, toOutboxMessage } from './outbox';
export type { EmitEvent, OutgoingEvent, Outbox, OutboxOptions, OutboxTiming } from './outbox';
export type { OutboxMessage } from './outbox-rows';
