import { z } from 'zod';
import { ValidationError } from '../errors';

/** Default and maximum page sizes of Relay connections. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** Keyset position of a row: creation time and id (ties broken by id). */
export interface Cursor {
  createdAt: Date;
  id: string;
}

const cursorSchema = z.tuple([z.iso.datetime(), z.uuid()]);

/** Encodes a keyset position as an opaque base64url cursor. */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt.toISOString(), cursor.id])).toString('base64url');
}

/**
 * Decodes a cursor made by {@link encodeCursor}.
 *
 * @throws {ValidationError} when the cursor is malformed
 */
export function decodeCursor(cursor: string): Cursor {
  try {
    const [createdAt, id] = cursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return { createdAt: new Date(createdAt), id };
  } catch (cause) {
    throw new ValidationError('Invalid cursor', { after: 'not a cursor returned by this API' }, { cause });
  }
}

/** Page arguments after validation: `limit` rows after the optional cursor. */
export interface PageArgs {
  limit: number;
  after: Cursor | null;
}

/**
 * Validates the `first` argument of a plain (non-connection) list such as `personas`.
 *
 * @returns the number of items to return (`defaultSize` when `first` is null)
 * @throws {ValidationError} when `first` is outside 0..100
 */
export function parseListLimit(first: number | null | undefined, defaultSize = MAX_PAGE_SIZE): number {
  const limit = first ?? defaultSize;
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_PAGE_SIZE) {
    throw new ValidationError(`first must be between 0 and ${MAX_PAGE_SIZE}`, { first: `got ${limit}` });
  }
  return limit;
}

/**
 * Validates Relay `first`/`after` arguments.
 *
 * @throws {ValidationError} when `first` is outside 0..100 or `after` is malformed
 */
export function parsePageArgs(first: number | null | undefined, after: string | null | undefined): PageArgs {
  return { limit: parseListLimit(first, DEFAULT_PAGE_SIZE), after: after ? decodeCursor(after) : null };
}

/** A Relay connection (edges, node, cursor, pageInfo with endCursor and hasNextPage). */
export interface Connection<T> {
  edges: Array<{ node: T; cursor: string }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount?: number;
}

/**
 * Builds a connection from rows fetched with `limit + 1` (the extra row only tells whether a
 * next page exists), each edge's cursor given by `cursorOf` (whatever order the rows are in).
 */
export function buildConnection<T>(rows: T[], page: { limit: number; after: unknown }, cursorOf: (row: T) => string): Connection<T> {
  const nodes = rows.slice(0, page.limit);
  const edges = nodes.map((node) => ({ node, cursor: cursorOf(node) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > page.limit,
      hasPreviousPage: page.after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/** {@link buildConnection} of rows newest first, with `(created_at, id)` cursors. */
export function toConnection<T extends { id: string; created_at: Date }>(rows: T[], page: PageArgs): Connection<T> {
  return buildConnection(rows, page, (node) => encodeCursor({ createdAt: node.created_at, id: node.id }));
}
