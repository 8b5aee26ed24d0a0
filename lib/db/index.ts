export { createDatabase } from './database';
export type { DatabaseOptions } from './database';
export { migrateToLatest } from './migrate';
export { pingDatabase } from './ping';
export { addCreatedByColumn, dropCreatedByColumn } from './created-by';
