export { createDatabase } from './database';
export type { DatabaseOptions } from './database';
export { migrateToLatest } from './migrate';
export { pingDatabase } from './ping';
export { isDatabaseUnavailable } from './unavailable';
export { addCreatedByColumn, dropCreatedByColumn } from './created-by';
