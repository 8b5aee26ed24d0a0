/** Local extrema of a series: indices of its peaks (maxima) and valleys (minima). */
export interface Extrema {
  peaks: number[];
  valleys: number[];
}

/**
 * Finds interior local maxima and minima of a series (the segment compounds). A point is a peak
 * when it is strictly above its nearest different neighbours on both sides, a valley when
 * strictly below; a flat run counts once, at its first index. End points are never extrema
 * (they have one neighbour), and a monotone or constant series has none.
 *
 * @example findExtrema([0, 0.6, 0.6, -0.2, 0.1]) // { peaks: [1], valleys: [3] }
 */
export function findExtrema(series: readonly number[]): Extrema {
  const runs: Array<{ start: number; value: number }> = [];
  series.forEach((value, index) => {
    if (runs.length === 0 || runs[runs.length - 1]?.value !== value) runs.push({ start: index, value });
  });
  const peaks: number[] = [];
  const valleys: number[] = [];
  for (let i = 1; i < runs.length - 1; i++) {
    const prev = runs[i - 1]?.value ?? 0;
    const run = runs[i] ?? { start: 0, value: 0 };
    const next = runs[i + 1]?.value ?? 0;
    if (run.value > prev && run.value > next) peaks.push(run.start);
    if (run.value < prev && run.value < next) valleys.push(run.start);
  }
  return { peaks, valleys };
}
