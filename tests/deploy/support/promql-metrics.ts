/** PromQL functions, aggregations and keywords: identifiers that are not metric names. */
const KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'and', 'or', 'unless', 'bool', 'offset', 'inf', 'nan']);

/**
 * Metric names a PromQL expression selects, e.g. `gateway_operations_total` and
 * `graphql_request_duration_seconds_bucket` in
 * `histogram_quantile(0.95, sum by (le) (rate(graphql_request_duration_seconds_bucket{a="b"}[5m])))
 *   / sum(rate(gateway_operations_total[5m]))`.
 * Strings, label matchers (`{...}`), ranges (`[...]`), grouping clauses (`by (...)`) and function
 * calls are not names; Grafana variables (`$__rate_interval`) inside ranges are ignored with them.
 */
export function promqlMetricNames(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = new Set<string>();
  for (const match of stripped.matchAll(/(?<![\w$.])([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?/g)) {
    const [, identifier, call] = match;
    if (call || KEYWORDS.has(identifier!.toLowerCase())) continue;
    names.add(identifier!);
  }
  return [...names];
}
