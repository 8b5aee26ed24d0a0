/** Reads one series of a Prometheus text exposition: NaN when absent. */
export type SeriesValue = (name: string, labels?: Record<string, string>) => number;

/**
 * Scrapes `/metrics` on an admin port of this machine and returns a reader of its series: the
 * value of the first series named `name` whose labels include `labels`.
 */
export async function scrapeMetrics(adminPort: number): Promise<SeriesValue> {
  const text = await (await fetch(`http://127.0.0.1:${adminPort}/metrics`)).text();
  const lines = text.split('\n').filter((line) => !line.startsWith('#'));
  return (name, labels = {}) => {
    const line = lines.find(
      (l) => (l.startsWith(`${name}{`) || l.startsWith(`${name} `)) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)),
    );
    return Number(line?.split(' ').pop() ?? NaN);
  };
}
