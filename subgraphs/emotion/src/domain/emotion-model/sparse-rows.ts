/**
 * Rows of sparse feature vectors in compressed sparse row (CSR) form: row `i` holds the columns
 * `columns[rowStarts[i] .. rowStarts[i + 1])` with the matching `values`.
 */
export interface SparseRows {
  /** Offsets into `columns`/`values`, length `rowCount + 1`, starting at 0, non-decreasing. */
  rowStarts: Int32Array;
  /** Column (feature) index of each stored value, `0 <= column < columnCount`. */
  columns: Int32Array;
  values: Float64Array;
  columnCount: number;
}

/** One sparse vector: parallel lists of column indices and values. */
export interface SparseVector {
  columns: number[];
  values: number[];
}

/** Number of rows of a {@link SparseRows}. */
export function rowCount(rows: SparseRows): number {
  return rows.rowStarts.length - 1;
}

/**
 * Packs sparse vectors into {@link SparseRows}.
 *
 * @throws {RangeError} when a column is outside `0 .. columnCount - 1`
 * @example toSparseRows([{ columns: [0, 2], values: [1, 0.5] }], 3) // one row with two values
 */
export function toSparseRows(vectors: readonly SparseVector[], columnCount: number): SparseRows {
  let stored = 0;
  for (const vector of vectors) stored += vector.columns.length;
  const rowStarts = new Int32Array(vectors.length + 1);
  const columns = new Int32Array(stored);
  const values = new Float64Array(stored);
  let at = 0;
  vectors.forEach((vector, row) => {
    vector.columns.forEach((column, j) => {
      if (!(column >= 0 && column < columnCount)) throw new RangeError(`column ${column} outside 0..${columnCount - 1}`);
      columns[at] = column;
      values[at] = vector.values[j] ?? 0;
      at++;
    });
    rowStarts[row + 1] = at;
  });
  return { rowStarts, columns, values, columnCount };
}
