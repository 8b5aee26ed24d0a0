/** Series of one Prometheus text exposition, read by name and labels. */
export interface Scrape {
  /** Sum of every series named `name` whose labels include `labels` (0 when none). */
  sum(name: string, labels?: Record<string, string>): number;
}

const SERIES = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /(\w+)="((?:[^"\\]|\\.)*)"/g;

/**
 * Reads `/metrics` from an admin port on this machine.
 *
 * @throws when the port does not answer 200
 */
export async function scrapeMetrics(adminPort: number): Promise<Scrape> {
  const res = await fetch(`http://127.0.0.1:${adminPort}/metrics`);
  if (!res.ok) throw new Error(`/metrics on ${adminPort}: HTTP ${res.status}`);
  return parseExposition(await res.text());
}

/** Parses a Prometheus text exposition (comments ignored). */
export function parseExposition(text: string): Scrape {
  const series: Array<{ name: string; labels: Record<string, string>; value: number }> = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const match = SERIES.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(LABEL)) labels[key!] = value!;
    series.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return {
    sum(name, labels = {}) {
      return series
        .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
        .reduce((total, s) => total + s.value, 0);
    },
  };
}
