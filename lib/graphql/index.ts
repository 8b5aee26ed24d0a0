export { scalarResolvers } from './scalars';
export { validateInput } from './validate';
export {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  decodeCursor,
  encodeCursor,
  parseListLimit,
  parsePageArgs,
  buildConnection,
  toConnection,
} from './pagination';
export type { Connection, Cursor, PageArgs } from './pagination';
export { loadSchemaFile } from './load-schema';
export { loadExisting } from './load-existing';
