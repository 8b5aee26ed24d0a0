import type { Readable } from 'node:stream';

/**
 * Calls `onLine` once per complete line read from `stream`, decoded as UTF-8, without its `\n`
 * (or `\r\n`); chunks are joined first, so a line is never split, and a last line without a
 * newline is passed when the stream ends.
 *
 * @example
 * forEachLine(child.stdout, (line) => process.stdout.write(`content | ${line}\n`));
 */
export function forEachLine(stream: Readable, onLine: (line: string) => void): void {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
  });
  stream.on('end', () => {
    if (pending) onLine(pending);
    pending = '';
  });
}

/**
 * The prefix of a service's output lines: its name padded to `width` characters, then `| `,
 * e.g. `content            | ` for width 18.
 */
export function linePrefix(name: string, width: number): string {
  return `${name.padEnd(width)} | `;
}

/** The last `size` lines written to it (oldest first), to explain why a service failed. */
export class LineTail {
  private readonly lines: string[] = [];

  /** @param size how many lines to keep (at least 1) */
  constructor(private readonly size: number) {}

  /** Remembers a line, forgetting the oldest one past `size`. */
  push(line: string): void {
    this.lines.push(line);
    if (this.lines.length > Math.max(1, this.size)) this.lines.shift();
  }

  /** The remembered lines, oldest first (a copy). */
  get(): string[] {
    return [...this.lines];
  }
}
