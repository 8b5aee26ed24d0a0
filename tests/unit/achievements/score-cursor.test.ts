import { ValidationError } from '../../../lib/errors';
import { encodeCursor } from '../../../lib/graphql';
import { decodeScoreCursor, encodeScoreCursor, toScoreConnection } from '../../../subgraphs/achievements/src/db/repositories/score-cursor';

const idA = '00000000-0000-4000-8000-00000000000a';
const idB = '00000000-0000-4000-8000-00000000000b';
const idC = '00000000-0000-4000-8000-00000000000c';

describe('score cursor', () => {
  it('round-trips the exact decimal score and the id', () => {
    expect(decodeScoreCursor(encodeScoreCursor({ score: '87.50', id: idA }))).toEqual({ score: '87.50', id: idA });
  });

  it('rejects a created-at cursor and garbage as BAD_USER_INPUT', () => {
    expect(() => decodeScoreCursor(encodeCursor({ createdAt: new Date('2026-01-01T00:00:00Z'), id: idA }))).toThrow(ValidationError);
    expect(() => decodeScoreCursor('not-a-cursor')).toThrow(ValidationError);
    expect(() => decodeScoreCursor(Buffer.from(JSON.stringify(['score', '1e9', idA])).toString('base64url'))).toThrow(ValidationError);
  });
});

describe('toScoreConnection', () => {
  const rows = [
    { id: idC, score: '90.00' },
    { id: idB, score: '90.00' },
    { id: idA, score: '10.00' },
  ];

  it('returns limit rows, hasNextPage from the extra row, and the last row as endCursor', () => {
    const connection = toScoreConnection(rows, { limit: 2, after: null }, (row) => row.score);
    expect(connection.edges.map((e) => e.node.id)).toEqual([idC, idB]);
    expect(connection.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(decodeScoreCursor(connection.pageInfo.endCursor ?? '')).toEqual({ score: '90.00', id: idB });
  });

  it('reports the last page and a previous page when called after a cursor', () => {
    const connection = toScoreConnection(rows.slice(2), { limit: 2, after: { score: '90.00', id: idB } }, (row) => row.score);
    expect(connection.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect(connection.pageInfo.startCursor).toBe(connection.pageInfo.endCursor);
  });

  it('gives null cursors for an empty page', () => {
    expect(toScoreConnection([], { limit: 5, after: null }, () => '0').pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: false,
      startCursor: null,
      endCursor: null,
    });
  });
});
