import { z } from 'zod';
import { ValidationError } from '../../../../../lib/errors';
import { buildConnection } from '../../../../../lib/graphql';
import type { Connection } from '../../../../../lib/graphql';

/**
 * Keyset position of a row in a "highest score first" order (`listAchievements` with
 * `IMPACT_SCORE_DESC`, i.e. `(impact_score, id)` descending): the score as an exact decimal
 * string (as Postgres returns `numeric`, so no float rounding moves the position) and the id
 * breaking ties. The counterpart of lib/graphql's `(createdAt, id)` cursor for score orders.
 */
export interface ScoreCursor {
  /** Decimal string, e.g. `"87.50"`. */
  score: string;
  id: string;
}

const TAG = 'score';
const cursorSchema = z.tuple([z.literal(TAG), z.string().regex(/^-?\d+(\.\d+)?$/), z.uuid()]);

/** Encodes a score keyset position as an opaque base64url cursor (tagged, so that a cursor of another order is rejected). */
export function encodeScoreCursor(cursor: ScoreCursor): string {
  return Buffer.from(JSON.stringify([TAG, cursor.score, cursor.id])).toString('base64url');
}

/**
 * Decodes a cursor made by {@link encodeScoreCursor}.
 *
 * @throws {ValidationError} (`BAD_USER_INPUT`) when the cursor is malformed or belongs to another order
 */
export function decodeScoreCursor(cursor: string): ScoreCursor {
  try {
    const [, score, id] = cursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return { score, id };
  } catch (cause) {
    throw new ValidationError('Invalid cursor', { after: 'not a cursor returned by this API for this order' }, { cause });
  }
}

/**
 * Builds a Relay connection from rows fetched with `limit + 1` in "highest score first" order
 * (the extra row only tells whether a next page exists).
 *
 * @param scoreOf the row's score as a decimal string
 */
export function toScoreConnection<T extends { id: string }>(
  rows: T[],
  page: { limit: number; after: ScoreCursor | null },
  scoreOf: (row: T) => string,
): Connection<T> {
  return buildConnection(rows, page, (node) => encodeScoreCursor({ score: scoreOf(node), id: node.id }));
}
