/**
 * Splits a whitespace-separated list of lexicon entries into lower-case words, so that the
 * lexicon files read as prose-like blocks. Emoji are entries like any word.
 */
export function wordList(text: string): readonly string[] {
  return text
    .split(/\s+/)
    .map((word) => word.trim().toLowerCase())
    .filter((word) => word.length > 0);
}
