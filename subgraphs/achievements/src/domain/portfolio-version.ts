/**
 * The seed's snapshot version of a creation time: `YYYYMMDD_HHMMSS` in UTC
 * (`%Y%m%d_%H%M%S` in the seed's portfolio generator).
 *
 * @example portfolioVersionBase(new Date('2026-11-29T12:03:04.567Z')) // '20261129_120304'
 */
export function portfolioVersionBase(createdAt: Date): string {
  const iso = createdAt.toISOString();
  return `${iso.slice(0, 10).replace(/-/g, '')}_${iso.slice(11, 19).replace(/:/g, '')}`;
}

/**
 * The version of a new snapshot: `base` when no snapshot of the same format has it, else the
 * first free `base_2`, `base_3`... (so two exports of one format in the same second both get a
 * version, unique per format as `(version, format)` is).
 *
 * @param taken versions already used by snapshots of the same format that start with `base`
 * @example nextPortfolioVersion('20261129_120304', ['20261129_120304']) // '20261129_120304_2'
 */
export function nextPortfolioVersion(base: string, taken: readonly string[]): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const candidate = `${base}_${n}`;
    if (!used.has(candidate)) return candidate;
  }
}
