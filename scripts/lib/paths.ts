import { join } from 'node:path';

/** Root of the repository: scripts resolve entry points and files from it, wherever the clone is. */
export const REPOSITORY_ROOT = join(__dirname, '..', '..');
