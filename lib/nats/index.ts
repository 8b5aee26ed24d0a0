export { connectNats } from './connect';
export { EVENTS_STREAM, JOBS_STREAM, STREAMS, ensureDurableConsumer, provisionStreams } from './streams';
export type { DurableConsumerOptions } from './streams';
export { InvalidEventError, createCloudEvent, parseCloudEvent } from './cloudevent';
export type { CloudEvent, CloudEventInit } from './cloudevent';
export { publishEvent, publishTransient } from './publish';
export { PermanentError, startConsumer } from './consumer';
export type { ConsumerOptions, RunningConsumer } from './consumer';
