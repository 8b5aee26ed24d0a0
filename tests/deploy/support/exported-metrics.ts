/** Metric names one `/metrics` exposition declares, with each histogram's and summary's series names. */
export interface ExportedMetrics {
  /** Every name a PromQL selector may use: declared names, and `_bucket`/`_sum`/`_count` of histograms. */
  names: Set<string>;
}

/**
 * Reads the names a Prometheus text exposition declares (`# TYPE <name> <type>` lines and
 * sample lines), adding `<name>_bucket`, `_sum` and `_count` for a histogram and `_sum`,
 * `_count` for a summary: a metric that has not been observed yet is still declared.
 */
export function exportedMetrics(expositions: string[]): ExportedMetrics {
  const names = new Set<string>();
  for (const text of expositions) {
    for (const line of text.split('\n')) {
      const type = /^# TYPE (\S+) (\w+)/.exec(line);
      if (type) {
        const [, name, kind] = type;
        names.add(name!);
        if (kind === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${name}${suffix}`);
        if (kind === 'summary') for (const suffix of ['_sum', '_count']) names.add(`${name}${suffix}`);
        continue;
      }
      const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]/.exec(line);
      if (sample) names.add(sample[1]!);
    }
  }
  return { names };
}
