/**
 * Normalizes free-form labels (tags, skills): trims each one, drops empty ones and keeps the
 * first spelling of labels that differ only in case, in input order.
 *
 * @example normalizeLabels([' TypeScript', 'typescript', '', 'Postgres']) // ['TypeScript', 'Postgres']
 */
export function normalizeLabels(labels: readonly string[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const raw of labels) {
    const label = raw.trim();
    const key = label.toLowerCase();
    if (label.length === 0 || seen.has(key)) continue;
    seen.add(key);
    result.push(label);
  }
  return result;
}
