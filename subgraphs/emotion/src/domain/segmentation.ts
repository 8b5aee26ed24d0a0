/**
 * Splits a text into sentence segments: at every line break, and after a run of `.`, `!` or `?`
 * followed by whitespace (so "3.5", "e.g.x" and "example.com" stay whole). Segments are trimmed
 * and keep their closing punctuation (VADER reads `!` as emphasis); segments without a letter,
 * digit or emoji (e.g. "...") are dropped. A text without sentence punctuation is one segment.
 *
 * @returns the segments in order; empty for a blank text
 * @example segmentText('Great day! Then it rained.\nSad.') // ['Great day!', 'Then it rained.', 'Sad.']
 */
export function segmentText(text: string): string[] {
  return text
    .split(/\r?\n|\r/)
    .flatMap((line) => line.split(/(?<=[.!?])\s+/))
    .map((segment) => segment.trim())
    .filter((segment) => /[\p{L}\p{N}\p{Extended_Pictographic}]/u.test(segment));
}
